package social.auth.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.AuthEvents;
import social.contract.auth.AuthRpc;
import social.contract.auth.ChangePasswordRequest;
import social.contract.auth.IssueStreamTicketRequest;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginEnded;
import social.contract.auth.LoginRequest;
import social.contract.auth.RefreshTokensRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * Changing a password: the current one asked again, the new one under the rules of registration;
 * on success every other login of the account ends (refresh tokens dead, {@code auth.login-ended}
 * for each), the caller's own login stays, and only the new password logs in.
 */
@ServiceIntegrationTest
class PasswordChangeIT {
    // an address of this class's own: registrations and password checks are counted per address, and the test
    // classes of one run share a database
    private static final String CLIENT = "10." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(1, 255);

    private static final String PASSWORD = "a good password";
    private static final String NEW_PASSWORD = "an even better one";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(AuthEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aWrongCurrentPasswordIsInvalidCredentialsAndChangesNothing() {
        RegisteredCredentials account = register();
        IssuedTokens mine = login(account.username(), PASSWORD);
        IssuedTokens other = login(account.username(), PASSWORD);

        ErrorReply refused = rpc.refusal(
                AuthRpc.CHANGE_PASSWORD,
                new ChangePasswordRequest(account.userId(), loginOf(mine), "not my password", NEW_PASSWORD, CLIENT));

        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(login(account.username(), PASSWORD)).isNotNull();
        assertThat(rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(other.refreshToken())))
                .isNotNull();
        assertThat(events.all(LoginEnded.class, e -> e.userId().equals(account.userId()), Duration.ofMillis(300)))
                .isEmpty();
    }

    @Test
    void aWeakOrUnchangedNewPasswordIsAValidationErrorOnNewPassword() {
        RegisteredCredentials account = register();
        IssuedTokens mine = login(account.username(), PASSWORD);

        for (String weak : new String[] {"short", "x".repeat(129), "tab\u0000nul-inside", null}) {
            ErrorReply refused = rpc.refusal(
                    AuthRpc.CHANGE_PASSWORD,
                    new ChangePasswordRequest(account.userId(), loginOf(mine), PASSWORD, weak, CLIENT));
            assertThat(refused.code()).as("%s", weak).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(refused.errors())
                    .extracting(ErrorReply.FieldError::field)
                    .containsOnly("newPassword");
        }
        ErrorReply unchanged = rpc.refusal(
                AuthRpc.CHANGE_PASSWORD,
                new ChangePasswordRequest(account.userId(), loginOf(mine), PASSWORD, PASSWORD, CLIENT));
        assertThat(unchanged.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(unchanged.errors()).extracting(ErrorReply.FieldError::field).containsExactly("newPassword");

        ErrorReply missing = rpc.refusal(
                AuthRpc.CHANGE_PASSWORD,
                new ChangePasswordRequest(account.userId(), loginOf(mine), null, NEW_PASSWORD, CLIENT));
        assertThat(missing.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(missing.errors()).extracting(ErrorReply.FieldError::field).containsExactly("currentPassword");

        assertThat(login(account.username(), PASSWORD)).isNotNull();
    }

    @Test
    void everyOtherLoginEndsTheCallersStaysAndOnlyTheNewPasswordLogsIn() {
        RegisteredCredentials account = register();
        IssuedTokens mine = login(account.username(), PASSWORD);
        IssuedTokens laptop = login(account.username(), PASSWORD);
        IssuedTokens phone = login(account.username(), PASSWORD);
        // a rotated login ends as a whole, whichever of its tokens it is at
        IssuedTokens phoneRotated = rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(phone.refreshToken()));
        rpc.call(
                AuthRpc.ISSUE_STREAM_TICKET,
                new IssueStreamTicketRequest(
                        account.userId(),
                        account.username(),
                        loginOf(laptop),
                        Instant.now().plusSeconds(600)));

        rpc.call(
                AuthRpc.CHANGE_PASSWORD,
                new ChangePasswordRequest(account.userId(), loginOf(mine), PASSWORD, NEW_PASSWORD, CLIENT));

        assertThat(events.all(LoginEnded.class, e -> e.userId().equals(account.userId()), Duration.ofMillis(500)))
                .extracting(LoginEnded::loginId)
                .containsExactlyInAnyOrder(loginOf(laptop), loginOf(phone));
        assertThat(refreshRefusal(laptop)).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(refreshRefusal(phoneRotated)).isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(rpc.call(AuthRpc.REFRESH, new RefreshTokensRequest(mine.refreshToken()))
                        .refreshToken())
                .isNotBlank();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM stream_ticket WHERE user_id = ? AND login_id = ?",
                        Integer.class,
                        account.userId(),
                        loginOf(laptop)))
                .isZero();
        assertThat(rpc.refusal(AuthRpc.LOGIN, new LoginRequest(account.username(), PASSWORD, CLIENT))
                        .code())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(login(account.username(), NEW_PASSWORD)).isNotNull();
    }

    private ErrorCode refreshRefusal(IssuedTokens tokens) {
        return rpc.refusal(AuthRpc.REFRESH, new RefreshTokensRequest(tokens.refreshToken()))
                .code();
    }

    private RegisteredCredentials register() {
        String username = "pw_" + UUID.randomUUID().toString().substring(0, 8);
        return rpc.call(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(username, username + "@example.com", PASSWORD, null, CLIENT, null));
    }

    private IssuedTokens login(String username, String password) {
        return rpc.call(AuthRpc.LOGIN, new LoginRequest(username, password, CLIENT));
    }

    /** The login an access token belongs to: its {@code sid} claim (the signature is auth-service's concern here). */
    private static UUID loginOf(IssuedTokens tokens) {
        String payload = tokens.accessToken().split("\\.")[1];
        String json = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        return UUID.fromString(JSON.readTree(json).get("sid").asString());
    }
}
