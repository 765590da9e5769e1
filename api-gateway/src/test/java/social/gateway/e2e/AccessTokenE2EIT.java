package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.crypto.spec.SecretKeySpec;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.support.testing.TestInfrastructure;

/** The gateway accepts only access tokens auth-service issued, unexpired, for this API. */
class AccessTokenE2EIT {
    private static Api api;
    private static Session user;
    private static PrivateKey signingKey;
    private static String keyId;
    private static byte[] publicKey;

    @BeforeAll
    static void stack() throws Exception {
        api = Api.ofStack();
        user = api.signUp("tok");
        // the test plays an attacker who stole the signing key, to show the other checks hold on their own
        try (Connection db = TestInfrastructure.adminConnection("auth");
                ResultSet key =
                        db.createStatement().executeQuery("SELECT key_id, private_key, public_key FROM signing_key")) {
            key.next();
            keyId = key.getString(1);
            signingKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(key.getBytes(2)));
            publicKey = key.getBytes(3);
        }
    }

    @Test
    void aValidTokenIsAccepted() {
        assertThat(api.get("/api/users/me", user.accessToken()).status()).isEqualTo(200);
        assertThat(api.get(
                                "/api/users/me",
                                forge("social-auth", "social-api", Instant.now().plusSeconds(60)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aMissingTokenOnAProtectedEndpointIs401WithABearerChallenge() {
        assertUnauthorized(api.get("/api/users/me"));
    }

    @Test
    void aTamperedTokenIs401() {
        String[] parts = user.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(user.id(), "0190a5b0-0000-7000-8000-000000000000");
        String tampered = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
        assertUnauthorized(api.get("/api/users/me", tampered));
    }

    @Test
    void anExpiredTokenIs401() {
        assertUnauthorized(api.get(
                "/api/users/me",
                forge("social-auth", "social-api", Instant.now().minusSeconds(120))));
    }

    @Test
    void anUnsignedAlgNoneTokenIs401() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims = b64("{\"sub\":\"" + user.id() + "\",\"iss\":\"social-auth\",\"aud\":\"social-api\",\"exp\":"
                + Instant.now().plusSeconds(600).getEpochSecond() + "}");
        assertUnauthorized(api.get("/api/users/me", header + "." + claims + "."));
    }

    @Test
    void aTokenForAnotherAudienceOrFromAnotherIssuerIs401() {
        assertUnauthorized(api.get(
                "/api/users/me",
                forge("social-auth", "another-api", Instant.now().plusSeconds(600))));
        assertUnauthorized(api.get(
                "/api/users/me",
                forge("someone-else", "social-api", Instant.now().plusSeconds(600))));
    }

    @Test
    void aTokenSignedWithAnotherAlgorithmUsingThePublicKeyAsSecretIs401() {
        String confused = Jwts.builder()
                .header()
                .keyId(keyId)
                .and()
                .subject(user.id())
                .issuer("social-auth")
                .audience()
                .add("social-api")
                .and()
                .expiration(Date.from(Instant.now().plusSeconds(600)))
                .signWith(new SecretKeySpec(pad(publicKey), "HmacSHA256"), Jwts.SIG.HS256)
                .compact();
        assertUnauthorized(api.get("/api/users/me", confused));
    }

    @Test
    void aRefreshTokenUsedAsAccessTokenIs401() {
        assertUnauthorized(api.get("/api/users/me", user.refreshToken()));
    }

    @Test
    void anInvalidTokenIs401EvenWhereAuthenticationIsOptional() {
        String postId = api.post("/api/posts", java.util.Map.of("content", "optional auth"), user.accessToken())
                .json()
                .get("id")
                .asString();
        assertUnauthorized(api.get("/api/posts/" + postId, "not.a.token"));
        assertThat(api.get("/api/posts/" + postId).status()).isEqualTo(200);
    }

    @Test
    void aStaleAccessTokenSentAlongDoesNotKeepAClientFromRefreshingOrLoggingIn() {
        String expired = forge("social-auth", "social-api", Instant.now().minusSeconds(3600));
        Response refreshed =
                api.post("/api/auth/refresh", java.util.Map.of("refreshToken", user.refreshToken()), expired);
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(api.post(
                                "/api/auth/login",
                                java.util.Map.of("username", user.username(), "password", user.password()),
                                expired)
                        .status())
                .isEqualTo(200);
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
    }

    private static String forge(String issuer, String audience, Instant expiry) {
        return Jwts.builder()
                .header()
                .keyId(keyId)
                .and()
                .subject(user.id())
                .claim("preferred_username", user.username())
                .issuer(issuer)
                .audience()
                .add(audience)
                .and()
                .issuedAt(Date.from(expiry.minusSeconds(900)))
                .expiration(Date.from(expiry))
                .signWith(signingKey, Jwts.SIG.EdDSA)
                .compact();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] pad(byte[] key) {
        byte[] padded = new byte[Math.max(32, key.length)];
        System.arraycopy(key, 0, padded, 0, key.length);
        return padded;
    }
}
