package social.gateway;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.jsonwebtoken.Jwts;

import social.contract.auth.AuthRpc;
import social.contract.auth.VerificationKeys;
import social.support.rpc.RpcClient;

/**
 * Access tokens as auth-service issues them (and broken ones), for the web slices. One key pair
 * per JVM: the gateway's token verifier keeps the keys it fetched for as long as the cached test
 * context lives.
 */
public final class TestTokens {
    private static final String KEY_ID = "slice-test-key";
    private static final String ISSUER = "social-auth";
    private static final String AUDIENCE = "social-api";
    private static final KeyPair KEYS = generateKeyPair();

    private TestTokens() {}

    /** auth-service's answer to the gateway's question for the verification keys. */
    public static void serveVerificationKeys(RpcClient rpc) {
        given(rpc.callAndWait(eq(AuthRpc.VERIFICATION_KEYS), any()))
                .willReturn(new VerificationKeys(
                        ISSUER,
                        AUDIENCE,
                        List.of(new VerificationKeys.Key(
                                KEY_ID,
                                "EdDSA",
                                Base64.getEncoder()
                                        .encodeToString(KEYS.getPublic().getEncoded())))));
    }

    public static String validFor(UUID userId) {
        return signed(userId, Instant.now().plus(Duration.ofMinutes(15)), KEYS.getPrivate());
    }

    /** Expired longer ago than the verifier's clock skew allows. */
    public static String expiredFor(UUID userId) {
        return signed(userId, Instant.now().minus(Duration.ofMinutes(2)), KEYS.getPrivate());
    }

    /** A valid token whose claims were changed to name another user, keeping the signature. */
    public static String tamperedFor(UUID userId, UUID otherUserId) {
        String[] parts = validFor(userId).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(userId.toString(), otherUserId.toString());
        return parts[0] + "." + base64Url(claims) + "." + parts[2];
    }

    /** Unsigned ({@code alg: none}), with otherwise valid claims. */
    public static String unsignedFor(UUID userId) {
        return base64Url("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + KEY_ID + "\"}") + "."
                + base64Url(
                        "{\"sub\":\"" + userId + "\",\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":"
                                + Instant.now().plus(Duration.ofMinutes(15)).getEpochSecond() + "}")
                + ".";
    }

    /** Signed with a key auth-service does not have, under its key id. */
    public static String signedByAnotherKeyFor(UUID userId) {
        return signed(
                userId,
                Instant.now().plus(Duration.ofMinutes(15)),
                generateKeyPair().getPrivate());
    }

    private static String signed(UUID userId, Instant expiry, PrivateKey key) {
        return Jwts.builder()
                .header()
                .keyId(KEY_ID)
                .and()
                .id(UUID.randomUUID().toString())
                .subject(userId.toString())
                .claim("preferred_username", "user")
                .issuer(ISSUER)
                .audience()
                .add(AUDIENCE)
                .and()
                .issuedAt(Date.from(expiry.minus(Duration.ofMinutes(15))))
                .expiration(Date.from(expiry))
                .signWith(key, Jwts.SIG.EdDSA)
                .compact();
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair generateKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
