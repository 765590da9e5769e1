package social.contract.auth;

import java.util.List;

import social.contract.MessageType;

/**
 * Public keys that verify access tokens, with the pinned parameters.
 *
 * @param issuer   the {@code iss} every token carries
 * @param audience the {@code aud} every token carries
 */
@MessageType("auth.verification-keys-reply")
public record VerificationKeys(String issuer, String audience, List<Key> keys) {
    public VerificationKeys {
        keys = List.copyOf(keys);
    }

    /** @param x509 the DER-encoded X.509 SubjectPublicKeyInfo, base64 */
    public record Key(String keyId, String algorithm, String x509) {}
}
