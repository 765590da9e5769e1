package social.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.AuthRpc;
import social.contract.auth.ChangePasswordRequest;
import social.contract.auth.DeleteAccountRequest;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginRequest;
import social.contract.auth.RefreshTokensRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.support.purge.PeriodicPurge;
import social.support.rpc.RpcErrorException;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** The limits that keep auth-service usable under attack, each attack actually tried. */
@ServiceIntegrationTest
class AbuseLimitsIT {
    private static final String PASSWORD = "a good password";

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("refreshTokenPurge")
    PeriodicPurge refreshTokenPurge;

    @Autowired
    @Qualifier("attemptCounterPurge")
    PeriodicPurge attemptCounterPurge;

    @Autowired
    @Qualifier("rotatedTokenPurge")
    PeriodicPurge rotatedTokenPurge;

    @Test
    void aThousandWrongPasswordsFromOneAddressDoNotLockTheUserOutElsewhere() {
        String username = register();
        String attacker = freshIpv4();
        List<ErrorCode> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            answers.add(rpc.refusal(AuthRpc.LOGIN, new LoginRequest(username, "wrong password", attacker))
                    .code());
        }

        assertThat(answers.subList(0, 5)).containsOnly(ErrorCode.INVALID_CREDENTIALS);
        assertThat(answers.subList(5, 1000)).containsOnly(ErrorCode.TOO_MANY_FAILED_LOGINS);
        ErrorReply throttled = rpc.refusal(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, attacker));
        assertThat(throttled.code()).isEqualTo(ErrorCode.TOO_MANY_FAILED_LOGINS);
        assertThat(throttled.retryAfterSeconds()).isBetween(1L, 15 * 60L);
        IssuedTokens tokens = rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, freshIpv4()));
        assertThat(tokens.accessToken()).isNotBlank();
    }

    @Test
    void concurrentWrongPasswordsGetNoMorePasswordChecksThanTheLimit() {
        String username = register();
        String attacker = freshIpv4();
        List<CompletableFuture<IssuedTokens>> inFlight = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            inFlight.add(rpc.send(AuthRpc.LOGIN, new LoginRequest(username, "wrong password", attacker)));
        }

        List<ErrorCode> answers =
                inFlight.stream().map(AbuseLimitsIT::refusalOf).toList();
        assertThat(answers).filteredOn(ErrorCode.INVALID_CREDENTIALS::equals).hasSize(5);
        assertThat(answers).filteredOn(ErrorCode.TOO_MANY_FAILED_LOGINS::equals).hasSize(35);
    }

    @Test
    void ipv6AddressesOfOneSlash64CountTogether() {
        String username = register();
        String prefix =
                "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":1:";
        for (int i = 1; i <= 5; i++) {
            assertThat(rpc.refusal(AuthRpc.LOGIN, new LoginRequest(username, "wrong", prefix + ":" + i))
                            .code())
                    .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        }
        assertThat(rpc.refusal(AuthRpc.LOGIN, new LoginRequest(username, "wrong", prefix + "abcd:ef01:2345:6789"))
                        .code())
                .isEqualTo(ErrorCode.TOO_MANY_FAILED_LOGINS);
        String otherNetwork = prefix.replace(":1:", ":2:") + ":1";
        assertThat(rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, otherNetwork))
                        .accessToken())
                .isNotBlank();
    }

    @Test
    void wrongPasswordsWhenDeletingAnAccountCountLikeFailedLogins() {
        UUID userId = userIdOf(register());
        String attacker = freshIpv4();
        List<ErrorCode> answers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            answers.add(rpc.refusal(AuthRpc.DELETE_ACCOUNT, new DeleteAccountRequest(userId, "guess " + i, attacker))
                    .code());
        }

        assertThat(answers.subList(0, 5)).containsOnly(ErrorCode.INVALID_CREDENTIALS);
        assertThat(answers.subList(5, 7)).containsOnly(ErrorCode.TOO_MANY_FAILED_LOGINS);
        // the right password from the throttled address is not even checked: the account stays
        assertThat(rpc.refusal(AuthRpc.DELETE_ACCOUNT, new DeleteAccountRequest(userId, PASSWORD, attacker))
                        .code())
                .isEqualTo(ErrorCode.TOO_MANY_FAILED_LOGINS);
        assertThat(jdbc.queryForObject(
                        "SELECT deleted_at IS NULL FROM credential WHERE user_id = ?", Boolean.class, userId))
                .isTrue();
    }

    @Test
    void wrongCurrentPasswordsWhenChangingItCountLikeFailedLogins() {
        UUID userId = userIdOf(register());
        String attacker = freshIpv4();
        List<ErrorCode> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(rpc.refusal(
                            AuthRpc.CHANGE_PASSWORD,
                            new ChangePasswordRequest(userId, null, "guess " + i, "a new good password", attacker))
                    .code());
        }

        assertThat(answers.subList(0, 5)).containsOnly(ErrorCode.INVALID_CREDENTIALS);
        assertThat(answers.get(5)).isEqualTo(ErrorCode.TOO_MANY_FAILED_LOGINS);
        // from elsewhere the owner still changes it
        rpc.call(
                AuthRpc.CHANGE_PASSWORD,
                new ChangePasswordRequest(userId, null, PASSWORD, "a new good password", freshIpv4()));
    }

    @Test
    void aNulInTheLoginUsernameIsAValidationErrorNotAServerError() {
        ErrorReply reply = rpc.refusal(AuthRpc.LOGIN, new LoginRequest("ali\u0000ce", PASSWORD, freshIpv4()));
        assertThat(reply.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(reply.errors()).extracting(error -> error.field()).containsExactly("username");
    }

    @Test
    void oneAddressCannotKeepHashingPasswordsPastItsBudget() {
        String username = register();
        String client = freshIpv4();
        List<ErrorReply> refusals = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            try {
                rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, client));
            } catch (RpcErrorException e) {
                refusals.add(e.reply());
            }
        }
        // a burst of 30, refilled at 30 a minute: 40 right passwords in a few seconds cannot all be checked
        assertThat(refusals).isNotEmpty().allSatisfy(refusal -> {
            assertThat(refusal.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
            assertThat(refusal.message()).contains("password checks");
            assertThat(refusal.retryAfterSeconds()).isPositive();
        });
        assertThat(rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, freshIpv4()))
                        .accessToken())
                .isNotBlank();
    }

    @Test
    void registrationsPerAddressAreLimitedPerHour() {
        String client = freshIpv4();
        for (int i = 0; i < 10; i++) {
            register(client);
        }
        String name = "r_" + UUID.randomUUID().toString().substring(0, 8);
        ErrorReply refused = rpc.refusal(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(name, name + "@example.com", PASSWORD, null, client, null));
        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 3600L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM credential WHERE username = ?", Integer.class, name))
                .isZero();
        register(freshIpv4());
    }

    @Test
    void probingWhichEmailsHaveAccountsCountsAgainstTheRegistrationLimit() {
        String taken = register() + "@example.com";
        String prober = freshIpv4();
        List<ErrorCode> answers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String name = "p_" + UUID.randomUUID().toString().substring(0, 8);
            answers.add(rpc.refusal(
                            AuthRpc.REGISTER, new RegisterCredentialsRequest(name, taken, PASSWORD, null, prober, null))
                    .code());
        }

        assertThat(answers.subList(0, 10)).containsOnly(ErrorCode.EMAIL_TAKEN);
        assertThat(answers.get(10)).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    }

    @Test
    void aLoginEndsAtItsAbsoluteLifetimeHoweverOftenItRotated() {
        String username = register();
        IssuedTokens first = rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, freshIpv4()));
        IssuedTokens rotated = rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(first.refreshToken()));
        // the login started 30 days and a minute ago; its newest token was issued just now
        jdbc.update(
                "UPDATE refresh_token SET family_started_at = ? WHERE family_id ="
                        + " (SELECT family_id FROM refresh_token WHERE token_hash = sha256(convert_to(?, 'UTF8')))",
                Timestamp.from(Instant.now().minus(Duration.ofDays(30).plusMinutes(1))),
                rotated.refreshToken());

        assertThat(rpc.refusal(AuthRpc.REFRESH, new RefreshTokensRequest(rotated.refreshToken()))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
    }

    @Test
    void endedTokenFamiliesArePurgedAfterTheRetentionWhileLiveOnesStay() {
        String username = register();
        IssuedTokens live = rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, freshIpv4()));
        IssuedTokens ended = rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, freshIpv4()));
        IssuedTokens recentlyEnded = rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, freshIpv4()));
        rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(live.refreshToken()));
        endFamilyOf(ended.refreshToken(), Duration.ofDays(8));
        endFamilyOf(recentlyEnded.refreshToken(), Duration.ofDays(1));

        refreshTokenPurge.runOnce();

        assertThat(tokensInFamilyOf(ended.refreshToken())).isZero();
        assertThat(tokensInFamilyOf(recentlyEnded.refreshToken())).isEqualTo(1);
        // the used token of a live login stays: presenting it again must still revoke the login
        assertThat(tokensInFamilyOf(live.refreshToken())).isEqualTo(2);
    }

    @Test
    void aLoginRotatesItsRefreshTokenAtMostThirtyTimesAnHour() {
        IssuedTokens tokens = rpc.call(AuthRpc.LOGIN, new LoginRequest(register(), PASSWORD, freshIpv4()));
        for (int i = 0; i < 30; i++) {
            tokens = rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(tokens.refreshToken()));
        }

        ErrorReply refused = rpc.refusal(AuthRpc.REFRESH, new RefreshTokensRequest(tokens.refreshToken()));

        assertThat(refused.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 3600L);
        // refused before it was used: the login goes on with the same token once the hour passes
        assertThat(jdbc.queryForObject(
                        "SELECT used_at IS NULL AND revoked_at IS NULL FROM refresh_token"
                                + " WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                        Boolean.class,
                        tokens.refreshToken()))
                .isTrue();
        assertThat(tokensInFamilyOf(tokens.refreshToken())).isEqualTo(31);
    }

    @Test
    void rotatedTokensOfALiveLoginArePurgedOnceReuseDetectionNoLongerNeedsThem() {
        IssuedTokens first = rpc.call(AuthRpc.LOGIN, new LoginRequest(register(), PASSWORD, freshIpv4()));
        IssuedTokens second = rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(first.refreshToken()));
        IssuedTokens third = rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(second.refreshToken()));
        jdbc.update(
                "UPDATE refresh_token SET used_at = ? WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                Timestamp.from(Instant.now().minus(Duration.ofDays(7).plusMinutes(1))),
                first.refreshToken());
        // past the retry grace window, so that presenting it again is a reuse, not a retry
        jdbc.update(
                "UPDATE refresh_token SET used_at = ? WHERE token_hash = sha256(convert_to(?, 'UTF8'))",
                Timestamp.from(Instant.now().minus(Duration.ofMinutes(1))),
                second.refreshToken());

        rotatedTokenPurge.runOnce();

        assertThat(tokensInFamilyOf(third.refreshToken())).isEqualTo(2);
        // the recently rotated one is still caught as a reuse: the login ends
        assertThat(rpc.refusal(AuthRpc.REFRESH, new RefreshTokensRequest(second.refreshToken()))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(rpc.refusal(AuthRpc.REFRESH, new RefreshTokensRequest(third.refreshToken()))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
    }

    @Test
    void attemptCountsArePurgedOnceTheirWindowEnded() {
        String ended = "test:" + UUID.randomUUID();
        String current = "test:" + UUID.randomUUID();
        jdbc.update(
                "INSERT INTO attempt_counter VALUES (?, 3, ?), (?, 3, ?)",
                ended,
                Timestamp.from(Instant.now().minusSeconds(1)),
                current,
                Timestamp.from(Instant.now().plus(Duration.ofMinutes(10))));

        attemptCounterPurge.runOnce();

        assertThat(jdbc.queryForList(
                        "SELECT counter_key FROM attempt_counter WHERE counter_key IN (?, ?)",
                        String.class,
                        ended,
                        current))
                .containsExactly(current);
    }

    private void endFamilyOf(String refreshToken, Duration ago) {
        jdbc.update(
                "UPDATE refresh_token SET expires_at = ? WHERE family_id = " + FAMILY_OF,
                Timestamp.from(Instant.now().minus(ago)),
                refreshToken);
    }

    private int tokensInFamilyOf(String refreshToken) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM refresh_token WHERE family_id = " + FAMILY_OF, Integer.class, refreshToken);
    }

    private static final String FAMILY_OF =
            "(SELECT family_id FROM refresh_token WHERE token_hash =" + " sha256(convert_to(?, 'UTF8')))";

    private String register() {
        return register(freshIpv4());
    }

    private String register(String address) {
        String username = "a_" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredCredentials registered = rpc.call(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(username, username + "@example.com", PASSWORD, null, address, null));
        return registered.username();
    }

    private UUID userIdOf(String username) {
        return jdbc.queryForObject("SELECT user_id FROM credential WHERE username = ?", UUID.class, username);
    }

    private static String freshIpv4() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private static ErrorCode refusalOf(CompletableFuture<IssuedTokens> answer) {
        try {
            answer.get(30, TimeUnit.SECONDS);
            throw new AssertionError("a wrong password was accepted");
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof RpcErrorException refused) {
                return refused.reply().code();
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
