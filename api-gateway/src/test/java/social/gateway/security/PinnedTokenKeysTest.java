package social.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

class PinnedTokenKeysTest {
    private static final KeyPair AUTH = ed25519();
    private static final KeyPair IMPOSTOR = ed25519();

    /** No broker at all: a pinned verifier that asked one would fail with a NullPointerException. */
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(
            null,
            new PinnedTokenKeys(List.of(x509(AUTH)), "social-auth", "social-api"),
            new LoggedOutLogins(new LoggedOutLogins.Settings(Duration.ofMinutes(16), 1_000)));

    @Test
    void withPinnedKeysTokensAreVerifiedWithoutAskingTheBroker() {
        UUID user = UUID.randomUUID();

        assertThat(verifier.verify(token(AUTH, user, "social-auth")).id()).isEqualTo(user);
    }

    @Test
    void aTokenSignedWithAnyOtherKeyIsRejectedWithoutAskingTheBroker() {
        assertThatThrownBy(() -> verifier.verify(token(IMPOSTOR, UUID.randomUUID(), "social-auth")))
                .isInstanceOf(AccessTokenVerifier.InvalidTokenException.class);
    }

    @Test
    void thePinnedIssuerIsRequired() {
        assertThatThrownBy(() -> verifier.verify(token(AUTH, UUID.randomUUID(), "someone-else")))
                .isInstanceOf(AccessTokenVerifier.InvalidTokenException.class);
    }

    @Test
    void anUnsetKeyMeansNotPinned() {
        assertThat(new PinnedTokenKeys(List.of(""), "social-auth", "social-api").pinned())
                .isFalse();
    }

    private static String token(KeyPair signer, UUID user, String issuer) {
        return Jwts.builder()
                .header()
                .keyId(AccessTokenVerifier.keyIdOf(x509(signer)))
                .and()
                .subject(user.toString())
                .issuer(issuer)
                .audience()
                .add("social-api")
                .and()
                .expiration(Date.from(Instant.now().plus(5, ChronoUnit.MINUTES)))
                .signWith(signer.getPrivate(), Jwts.SIG.EdDSA)
                .compact();
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String x509(KeyPair keyPair) {
        return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }
}
