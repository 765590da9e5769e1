package social.auth.denial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.auth.AccessDenials;
import social.contract.auth.AccessDenials.Denial;
import social.contract.auth.AuthEvents;
import social.contract.auth.AuthRpc;
import social.contract.auth.DeleteAccountRequest;
import social.contract.auth.IssuedTokens;
import social.contract.auth.ListAccessDenialsRequest;
import social.contract.auth.LoginEnded;
import social.contract.auth.LoginRequest;
import social.contract.auth.LogoutRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.contract.auth.UserDeleted;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * The access denials a gateway loads when it may have missed {@code auth.login-ended} or
 * {@code user.deleted} (issue 23): each such event's denial is listed while an access token it denies
 * can live, from auth-service's own data.
 */
@ServiceIntegrationTest
class AccessDenialsIT {
    private static final String PASSWORD = "a good password";

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(AuthEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Test
    void anEndedLoginAndADeletedAccountAreListedAsLiveDenialsSinceWhenTheyBegan() {
        String username = "deny_" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredCredentials account = rpc.call(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(
                        username, username + "@example.com", PASSWORD, "Deny", "127.0.0.1", null));
        IssuedTokens tokens = rpc.call(AuthRpc.LOGIN, new LoginRequest(username, PASSWORD, "127.0.0.1"));
        Instant beforeLogout = Instant.now().minusSeconds(1);

        rpc.call(AuthRpc.LOGOUT, new LogoutRequest(account.userId(), tokens.refreshToken()));
        LoginEnded ended = events.next(LoginEnded.class, e -> e.userId().equals(account.userId()));

        AccessDenials all = rpc.call(AuthRpc.LIST_ACCESS_DENIALS, new ListAccessDenialsRequest(null));
        assertThat(all.denials()).anyMatch(denies(account.userId(), ended.loginId(), ended.endedAt()));
        assertThat(all.asOf()).isAfterOrEqualTo(ended.endedAt());
        assertThat(rpc.call(AuthRpc.LIST_ACCESS_DENIALS, new ListAccessDenialsRequest(beforeLogout))
                        .denials())
                .anyMatch(denies(account.userId(), ended.loginId(), ended.endedAt()));
        assertThat(rpc.call(
                                AuthRpc.LIST_ACCESS_DENIALS,
                                new ListAccessDenialsRequest(all.asOf().plusSeconds(1)))
                        .denials())
                .noneMatch(denies(account.userId(), ended.loginId(), ended.endedAt()));

        rpc.call(AuthRpc.DELETE_ACCOUNT, new DeleteAccountRequest(account.userId(), PASSWORD, "127.0.0.1"));
        UserDeleted deleted = events.next(UserDeleted.class, e -> e.userId().equals(account.userId()));

        assertThat(rpc.call(AuthRpc.LIST_ACCESS_DENIALS, new ListAccessDenialsRequest(all.asOf()))
                        .denials())
                .anyMatch(denies(account.userId(), null, deleted.deletedAt()));
    }

    /** The denial of that user and login (null: the account), from that time (stored in microseconds). */
    private static Predicate<Denial> denies(UUID userId, UUID loginId, Instant at) {
        return denial -> denial.userId().equals(userId)
                && Objects.equals(denial.loginId(), loginId)
                && Duration.between(denial.deniedAt(), at).abs().toNanos() < 1_000;
    }
}
