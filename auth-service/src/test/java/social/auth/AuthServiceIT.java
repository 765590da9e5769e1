package social.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.ErrorCode;
import social.contract.auth.AuthEvents;
import social.contract.auth.AuthRpc;
import social.contract.auth.GetVerificationKeysRequest;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.contract.auth.UserRegistered;
import social.contract.auth.VerificationKeys;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** auth-service over its real queue, database and broker. */
@ServiceIntegrationTest
class AuthServiceIT {
    // an address of this class's own: registrations and password checks are counted per address, and the test
    // classes of one run share a database
    private static final String CLIENT = "10." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(1, 255);

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(AuthEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void registrationStoresAnArgon2idHashAndPublishesTheRegisteredEvent() {
        String username = "it_" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredCredentials registered = rpc.call(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(
                        username, username + "@example.com", "a good password", null, CLIENT, null));

        assertThat(registered.displayName()).isEqualTo(username);
        String hash = jdbc.queryForObject(
                "SELECT password_hash FROM credential WHERE user_id = ?", String.class, registered.userId());
        assertThat(hash).startsWith("$argon2id$").doesNotContain("a good password");
        UserRegistered event = events.next(UserRegistered.class, e -> e.userId().equals(registered.userId()));
        assertThat(event.username()).isEqualTo(username);
    }

    /**
     * The broker delivers a request again when the service that took it died after its commit and
     * before its acknowledgement: the same registration then answers the account it made, while
     * any other request for the name still finds it taken.
     */
    @Test
    void aRegistrationDeliveredAgainAnswersTheAccountItMadeInsteadOfNameTaken() {
        String username = "re_" + UUID.randomUUID().toString().substring(0, 8);
        RegisterCredentialsRequest request = new RegisterCredentialsRequest(
                username,
                username + "@example.com",
                "a good password",
                "Again",
                CLIENT,
                UUID.randomUUID().toString());

        RegisteredCredentials first = rpc.call(AuthRpc.REGISTER, request);
        RegisteredCredentials again = rpc.call(AuthRpc.REGISTER, request);

        assertThat(again).isEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credential WHERE username = ?", Integer.class, username))
                .isEqualTo(1);
        assertThat(rpc.refusal(
                                AuthRpc.REGISTER,
                                new RegisterCredentialsRequest(
                                        username,
                                        "other_" + username + "@example.com",
                                        "a good password",
                                        null,
                                        CLIENT,
                                        UUID.randomUUID().toString()))
                        .code())
                .isEqualTo(ErrorCode.USERNAME_TAKEN);
        assertThat(rpc.refusal(
                                AuthRpc.REGISTER,
                                new RegisterCredentialsRequest(
                                        username,
                                        "other_" + username + "@example.com",
                                        "a good password",
                                        null,
                                        CLIENT,
                                        null))
                        .code())
                .isEqualTo(ErrorCode.USERNAME_TAKEN);
    }

    @Test
    void issuedAccessTokensVerifyWithThePublishedPublicKeyAndCarryIssuerAudienceAndExpiry() throws Exception {
        String username = "tok_" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredCredentials registered = rpc.call(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(
                        username, username + "@example.com", "a good password", "Tok", CLIENT, null));
        IssuedTokens tokens = rpc.call(AuthRpc.LOGIN, new LoginRequest(username, "a good password", CLIENT));
        VerificationKeys keys = rpc.call(AuthRpc.VERIFICATION_KEYS, new GetVerificationKeysRequest());

        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(keys.keys().get(0).x509())));
        Claims claims = Jwts.parser()
                .verifyWith(publicKey)
                .requireIssuer(keys.issuer())
                .requireAudience(keys.audience())
                .build()
                .parseSignedClaims(tokens.accessToken())
                .getPayload();
        assertThat(claims.getSubject()).isEqualTo(registered.userId().toString());
        assertThat(claims.getExpiration().getTime() - claims.getIssuedAt().getTime())
                .isEqualTo(15 * 60 * 1000);
        assertThat(keys.keys().get(0).algorithm()).isEqualTo("EdDSA");
        assertThat(tokens.refreshToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM refresh_token WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                        Integer.class,
                        tokens.refreshToken()))
                .isEqualTo(1);
    }

    @Test
    void failedLoginsFromOneAddressAreThrottledAcrossUsernames() {
        String address = "10.9." + (int) (Math.random() * 200) + ".1";
        for (int i = 0; i < 20; i++) {
            String unknown = "nobody_" + i;
            assertThat(rpc.refusal(AuthRpc.LOGIN, new LoginRequest(unknown, "wrong password", address))
                            .code())
                    .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        }
        assertThat(rpc.refusal(AuthRpc.LOGIN, new LoginRequest("someone_else", "wrong password", address)))
                .satisfies(refusal -> {
                    assertThat(refusal.code()).isEqualTo(ErrorCode.TOO_MANY_FAILED_LOGINS);
                    assertThat(refusal.retryAfterSeconds()).isPositive();
                });
    }
}
