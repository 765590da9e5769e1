package social.auth.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.Erasure;
import social.contract.ErrorCode;
import social.contract.auth.AuthEvents;
import social.contract.auth.AuthRpc;
import social.contract.auth.DeleteAccountRequest;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginRequest;
import social.contract.auth.RefreshTokensRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.contract.auth.UserDeleted;
import social.contract.follow.FollowsErased;
import social.contract.like.LikesErased;
import social.contract.notification.NotificationsErased;
import social.contract.post.PostsErased;
import social.contract.user.ProfileErased;
import social.support.id.Ids;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * Deleting an account: refused without the password; with it, logins and refresh tokens end at once
 * and {@code user.deleted} goes out; the credential (so the username and email) goes only when all
 * five services reported their erasure, each counted once however often it arrives.
 */
@ServiceIntegrationTest
class AccountDeletionIT {
    // an address of this class's own: registrations and password checks are counted per address, and the test
    // classes of one run share a database
    private static final String CLIENT = "10." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(1, 255);

    private static final String PASSWORD = "a good password";

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(AuthEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ErasuresEndpoint endpoint;

    @Test
    void aWrongOrMissingPasswordDeletesNothing() {
        RegisteredCredentials account = register("keep");

        assertThat(rpc.refusal(AuthRpc.DELETE_ACCOUNT, new DeleteAccountRequest(account.userId(), "wrong one", CLIENT))
                        .code())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(rpc.refusal(AuthRpc.DELETE_ACCOUNT, new DeleteAccountRequest(account.userId(), null, CLIENT))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);

        assertThat(login(account.username())).isNotNull();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM erasure WHERE user_id = ?", Integer.class, account.userId()))
                .isZero();
    }

    @Test
    void aDeletedAccountCannotLogInOrRefreshAndItsNamesAreFreedOnlyOnceEveryServiceErasedIt() {
        RegisteredCredentials account = register("leave");
        IssuedTokens tokens = login(account.username());

        rpc.call(AuthRpc.DELETE_ACCOUNT, new DeleteAccountRequest(account.userId(), PASSWORD, CLIENT));

        UserDeleted deleted = events.next(UserDeleted.class, e -> e.userId().equals(account.userId()));
        assertThat(deleted.username()).isEqualTo(account.username().toLowerCase());
        assertThat(deleted.deletedAt()).isNotNull();
        assertThat(rpc.refusal(AuthRpc.LOGIN, new LoginRequest(account.username(), PASSWORD, CLIENT))
                        .message())
                .isEqualTo("invalid username or password");
        assertThat(rpc.refusal(AuthRpc.REFRESH, new RefreshTokensRequest(tokens.refreshToken()))
                        .code())
                .isEqualTo(ErrorCode.INVALID_REFRESH_TOKEN);
        assertThat(rpc.refusal(AuthRpc.DELETE_ACCOUNT, new DeleteAccountRequest(account.userId(), PASSWORD, CLIENT))
                        .code())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(rpc.refusal(AuthRpc.REGISTER, registration(account.username()))
                        .code())
                .isEqualTo(ErrorCode.USERNAME_TAKEN);

        // four of five, each twice (a redelivery, and a second report with another id): still pending
        List<Erasure> reports = List.of(
                new ProfileErased(Ids.newId(), Instant.now(), 1, account.userId()),
                new PostsErased(Ids.newId(), Instant.now(), 1, account.userId()),
                new FollowsErased(Ids.newId(), Instant.now(), 1, account.userId()),
                new LikesErased(Ids.newId(), Instant.now(), 1, account.userId()));
        for (Erasure report : reports) {
            replay.deliver(report);
            replay.deliver(report);
            replay.deliver(new ProfileErased(Ids.newId(), Instant.now(), 1, account.userId()));
        }
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(missing(account.userId())).containsExactly("notification-service"));
        assertThat(rpc.refusal(AuthRpc.REGISTER, registration(account.username()))
                        .code())
                .isEqualTo(ErrorCode.USERNAME_TAKEN);

        replay.deliver(new NotificationsErased(Ids.newId(), Instant.now(), 1, account.userId()));

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                "SELECT completed_at IS NOT NULL FROM erasure WHERE user_id = ?",
                                Boolean.class,
                                account.userId()))
                        .isTrue());
        assertThat(missing(account.userId())).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM erasure_step WHERE user_id = ?", Integer.class, account.userId()))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM credential WHERE user_id = ?", Integer.class, account.userId()))
                .isZero();
        RegisteredCredentials again = rpc.call(AuthRpc.REGISTER, registration(account.username()));
        assertThat(again.userId()).isNotEqualTo(account.userId());
    }

    @SuppressWarnings("unchecked")
    private List<String> missing(UUID userId) {
        List<Erasures.Pending> pending =
                (List<Erasures.Pending>) endpoint.pending().get("pending");
        return pending.stream()
                .filter(p -> p.userId().equals(userId))
                .flatMap(p -> p.missing().stream())
                .toList();
    }

    private RegisteredCredentials register(String prefix) {
        String username = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        return rpc.call(AuthRpc.REGISTER, registration(username));
    }

    private static RegisterCredentialsRequest registration(String username) {
        return new RegisterCredentialsRequest(username, username + "@example.com", PASSWORD, null, CLIENT, null);
    }

    private IssuedTokens login(String username) {
        return rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, CLIENT));
    }
}
