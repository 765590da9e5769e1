package social.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import social.contract.auth.AccessDenials;
import social.contract.auth.AccessDenials.Denial;
import social.contract.auth.ListAccessDenialsRequest;

/**
 * A gateway that lost its deny-list queue judges tokens against auth-service's live denials until it
 * has subscribed again and loaded them (issue 23); it refuses to judge when it cannot ask.
 */
class DenyListRecoveryTest {
    private final LoggedOutLogins loggedOut =
            new LoggedOutLogins(new LoggedOutLogins.Settings(Duration.ofMinutes(16), 1_000));
    private final List<Denial> live = new ArrayList<>();
    private final List<ListAccessDenialsRequest> asked = new ArrayList<>();
    private boolean authAnswers = true;
    private final DenyListRecovery recovery = new DenyListRecovery(
            request -> {
                asked.add(request);
                if (!authAnswers) {
                    throw new IllegalStateException("auth-service does not answer");
                }
                return new AccessDenials(Instant.now(), List.copyOf(live));
            },
            loggedOut);

    private final UUID user = UUID.randomUUID();
    private final UUID login = UUID.randomUUID();
    private final Instant issuedAt = Instant.now().minusSeconds(60);

    @Test
    void aTrustedListAsksNobody() {
        assertThat(loggedOut.refuses(user, login, issuedAt)).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void aLogoutMissedWhileTheQueueIsGoneIsRefusedFromAuthServicesList() {
        recovery.lost();
        live.add(new Denial(user, login, Instant.now()));

        assertThat(loggedOut.refuses(user, login, issuedAt)).isTrue();
        assertThat(asked).hasSize(1);
        assertThat(asked.get(0).since())
                .as("the first load after a loss is a full one")
                .isNull();
        assertThat(recovery.trusted()).isFalse();
    }

    @Test
    void aDeletionMissedWhileTheQueueIsGoneIsRefusedToo() {
        recovery.lost();
        live.add(new Denial(user, null, Instant.now()));

        assertThat(loggedOut.refuses(user, UUID.randomUUID(), issuedAt)).isTrue();
    }

    @Test
    void onceSubscribedAgainAndLoadedTheListIsTrustedAndKeepsWhatItLoaded() {
        recovery.lost();
        live.add(new Denial(user, login, Instant.now()));
        recovery.resubscribed();
        int asks = asked.size();

        assertThat(recovery.trusted()).isTrue();
        assertThat(loggedOut.refuses(user, login, issuedAt)).isTrue();
        assertThat(loggedOut.refuses(user, UUID.randomUUID(), issuedAt)).isFalse();
        assertThat(asked).hasSize(asks);
    }

    @Test
    void aListThatCannotBeCheckedJudgesNoToken() {
        recovery.lost();
        authAnswers = false;

        assertThatThrownBy(() -> loggedOut.refuses(user, login, issuedAt))
                .isInstanceOf(AccessTokenVerifier.KeysUnavailableException.class);
    }

    @Test
    void aFailedLoadAtResubscriptionIsMadeUpByTheNextJudgement() {
        recovery.lost();
        authAnswers = false;
        try {
            recovery.resubscribed();
        } catch (IllegalStateException expected) {
            // the hook's failure is logged by the container
        }
        authAnswers = true;
        live.add(new Denial(user, login, Instant.now()));

        assertThat(loggedOut.refuses(user, login, issuedAt)).isTrue();
        assertThat(recovery.trusted()).isTrue();
    }
}
