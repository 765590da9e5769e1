package social.gateway;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

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

    /** A valid token of one login (claim {@code sid}), as auth-service issues them. */
    public static String validFor(UUID userId, UUID loginId) {
        return builder(userId, Instant.now().plus(Duration.ofMinutes(15)), KEY_ID, ISSUER, AUDIENCE)
                .claim("sid", loginId.toString())
                .signWith(KEYS.getPrivate(), Jwts.SIG.EdDSA)
                .compact();
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

    /** The key confusion attack: HS256 with auth-service's public key bytes as the HMAC secret. */
    public static String hmacSignedWithThePublicKeyFor(UUID userId) {
        return builder(userId, Instant.now().plus(Duration.ofMinutes(15)), KEY_ID, ISSUER, AUDIENCE)
                .signWith(Keys.hmacShaKeyFor(KEYS.getPublic().getEncoded()), Jwts.SIG.HS256)
                .compact();
    }

    /** Properly signed, but without a key id in its header. */
    public static String withoutKeyIdFor(UUID userId) {
        return signed(userId, null, ISSUER, AUDIENCE);
    }

    /** Properly signed, naming a key id auth-service never published. */
    public static String withUnknownKeyIdFor(UUID userId) {
        return signed(userId, "no-such-key", ISSUER, AUDIENCE);
    }

    /** Properly signed, but issued by someone else. */
    public static String withWrongIssuerFor(UUID userId) {
        return signed(userId, KEY_ID, "someone-else", AUDIENCE);
    }

    /** Properly signed, but meant for another audience. */
    public static String withWrongAudienceFor(UUID userId) {
        return signed(userId, KEY_ID, ISSUER, "another-api");
    }

    /** What a refresh token looks like: 256 random bits, base64url (not a JWT at all). */
    public static String aRefreshToken() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static String signed(UUID userId, String keyId, String issuer, String audience) {
        return builder(userId, Instant.now().plus(Duration.ofMinutes(15)), keyId, issuer, audience)
                .signWith(KEYS.getPrivate(), Jwts.SIG.EdDSA)
                .compact();
    }

    private static String signed(UUID userId, Instant expiry, PrivateKey key) {
        return builder(userId, expiry, KEY_ID, ISSUER, AUDIENCE)
                .signWith(key, Jwts.SIG.EdDSA)
                .compact();
    }

    private static JwtBuilder builder(UUID userId, Instant expiry, String keyId, String issuer, String audience) {
        return Jwts.builder()
                .header()
                .keyId(keyId)
                .and()
                .id(UUID.randomUUID().toString())
                .subject(userId.toString())
                .claim("preferred_username", "user")
                .issuer(issuer)
                .audience()
                .add(audience)
                .and()
                .issuedAt(Date.from(expiry.minus(Duration.ofMinutes(15))))
                .expiration(Date.from(expiry));
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
