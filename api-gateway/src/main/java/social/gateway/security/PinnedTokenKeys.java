package social.gateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * auth-service's token verification parameters, pinned by configuration
 * ({@code AUTH_SIGNING_PUBLIC_KEY}, the same variable auth-service reads its public key from). When
 * keys are given, the gateway never asks the broker for them: nobody on the broker can hand it a key
 * of their own. Without them it asks auth-service, and accepts only a reply whose broker-validated
 * {@code user_id} is auth-service's.
 *
 * @param publicKeys base64 X.509 Ed25519 public keys; empty: fetch them from auth-service
 * @param issuer     the {@code iss} tokens must carry when the keys are pinned
 * @param audience   the {@code aud} tokens must carry when the keys are pinned
 */
@ConfigurationProperties("social.gateway.token-keys")
record PinnedTokenKeys(
        @DefaultValue List<String> publicKeys,
        @DefaultValue("social-auth") String issuer,
        @DefaultValue("social-api") String audience) {

    PinnedTokenKeys {
        // an unset AUTH_SIGNING_PUBLIC_KEY binds as one blank entry
        publicKeys = publicKeys.stream().filter(key -> !key.isBlank()).toList();
    }

    boolean pinned() {
        return !publicKeys.isEmpty();
    }
}
