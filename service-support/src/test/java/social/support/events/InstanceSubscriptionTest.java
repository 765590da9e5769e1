package social.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;

import social.contract.user.UserProfileUpdated;
import social.support.messaging.MessagingNames;
import social.support.messaging.Topology;

class InstanceSubscriptionTest {
    private final Topology topology = new Topology(new MessagingNames("test.", "gateway"), false);

    @Test
    void aBoundedSubscriptionsQueueDropsItsOldestBeyondItsLength() {
        InstanceSubscription bounded = InstanceSubscription.forInstance("live", topology)
                .on(UserProfileUpdated.class, event -> {})
                .maxLength(10_000)
                .build();

        assertThat(queueOf(bounded).getArguments())
                .containsExactlyInAnyOrderEntriesOf(Map.of("x-max-length", 10_000, "x-overflow", "drop-head"));
        assertThat(queueOf(bounded).isExclusive()).isTrue();
    }

    @Test
    void anUnboundedSubscriptionsQueueHasNoLengthArgument() {
        InstanceSubscription unbounded = InstanceSubscription.forInstance("user-changes", topology)
                .on(UserProfileUpdated.class, event -> {})
                .build();

        assertThat(queueOf(unbounded).getArguments()).isEmpty();
    }

    @Test
    void aLengthBelowOneIsRefused() {
        assertThatThrownBy(
                        () -> InstanceSubscription.forInstance("live", topology).maxLength(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Queue queueOf(InstanceSubscription subscription) {
        return subscription.getDeclarablesByType(Queue.class).get(0);
    }
}
