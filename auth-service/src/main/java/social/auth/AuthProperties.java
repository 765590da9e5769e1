package social.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param signingPrivateKey base64 PKCS#8 of an Ed25519 private key; empty: generated on first start
 * @param signingPublicKey  base64 X.509 of its public key
 */
@ConfigurationProperties("social.auth")
public record AuthProperties(
        @DefaultValue("social-auth") String issuer,
        @DefaultValue("social-api") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        String signingPrivateKey,
        String signingPublicKey,
        LoginThrottle loginThrottle) {

    public AuthProperties {
        if (loginThrottle == null) {
            loginThrottle = new LoginThrottle(Duration.ofMinutes(15), 5, 20);
        }
    }

    public record LoginThrottle(
            @DefaultValue("15m") Duration window,
            @DefaultValue("5") int maxFailuresPerUsername,
            @DefaultValue("20") int maxFailuresPerAddress) {}
}
