package social.user.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.user.CreateProfileRequest;
import social.contract.user.UpdateProfileRequest;
import social.contract.user.User;
import social.contract.user.UserEvents;
import social.contract.user.UserProfileUpdated;
import social.contract.user.UserRpc;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** {@code user.profile-updated}: published from the outbox when, and only when, a display name changes. */
@ServiceIntegrationTest
class ProfileUpdatesIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(UserEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Test
    void aRenamePublishesTheNewSummaryOnceAndChangesThatRenameNothingPublishNothing() {
        UUID userId = UUID.randomUUID();
        String username = "pu_" + userId.toString().substring(0, 8);
        rpc.call(UserRpc.CREATE_PROFILE, new CreateProfileRequest(userId, username, "Before"));

        User renamed = rpc.call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, "After", null));
        rpc.call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, "  After ", "a new bio"));
        rpc.call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, null, "only the bio"));
        rpc.call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, "Later", null));

        assertThat(renamed.displayName()).isEqualTo("After");
        assertThat(events.all(UserProfileUpdated.class, e -> e.userId().equals(userId), Duration.ofMillis(700)))
                .satisfiesExactly(
                        first -> {
                            assertThat(first.username()).isEqualTo(username);
                            assertThat(first.displayName()).isEqualTo("After");
                            assertThat(first.version()).isEqualTo(1);
                            assertThat(first.eventId()).isNotNull();
                            assertThat(first.occurredAt()).isNotNull();
                        },
                        second -> assertThat(second.displayName()).isEqualTo("Later"));
    }
}
