package social.user.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.rpc.Operation;
import social.contract.user.CreateProfileRequest;
import social.contract.user.UpdateProfileRequest;
import social.contract.user.User;
import social.contract.user.UserEvents;
import social.contract.user.UserProfileUpdated;
import social.contract.user.UserRpc;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;
import social.support.rpc.RpcClient;
import social.support.testing.EventProbe;
import social.support.testing.ServiceIntegrationTest;

/** {@code user.profile-updated}: published from the outbox when, and only when, a display name changes. */
@ServiceIntegrationTest
class ProfileUpdatesIT {
    private static EventProbe events;

    @Autowired
    RpcClient rpc;

    @BeforeAll
    static void listen(@Autowired AmqpAdmin admin, @Autowired RabbitTemplate rabbit,
                       @Autowired ContractMessageConverter converter, @Autowired MessagingNames names) {
        events = EventProbe.listen(admin, rabbit, converter, names, UserEvents.MESSAGES);
    }

    @AfterAll
    static void stopListening() {
        events.close();
    }

    @Test
    void aRenamePublishesTheNewSummaryOnceAndChangesThatRenameNothingPublishNothing() throws Exception {
        UUID userId = UUID.randomUUID();
        String username = "pu_" + userId.toString().substring(0, 8);
        call(UserRpc.CREATE_PROFILE, new CreateProfileRequest(userId, username, "Before"));

        User renamed = call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, "After", null));
        call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, "  After ", "a new bio"));
        call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, null, "only the bio"));
        call(UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(userId, "Later", null));

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

    private <Q, R> R call(Operation<Q, R> operation, Q request) throws Exception {
        return rpc.call(operation, request).get(5, TimeUnit.SECONDS);
    }
}
