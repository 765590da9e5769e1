package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import social.contract.registry.MessageTypes;
import social.contract.user.UserProfileUpdated;
import social.support.events.InstanceSubscription;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.ListenerContainers;
import social.support.messaging.MessagingNames;
import social.support.messaging.Topology;

/**
 * Per-instance subscriptions against the real broker: two of them stand for two instances of a
 * service, each on a queue of its own.
 */
@SupportIntegrationTest
@Import(InstanceSubscriptionIT.TwoInstances.class)
class InstanceSubscriptionIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final Instance FIRST = new Instance();
    private static final Instance SECOND = new Instance();

    @TestConfiguration(proxyBeanMethods = false)
    static class TwoInstances {
        @Bean
        InstanceSubscription firstInstance(Topology topology) {
            return FIRST.subscribe(topology);
        }

        @Bean
        InstanceSubscription secondInstance(Topology topology) {
            return SECOND.subscribe(topology);
        }
    }

    /** What one instance heard, and how often it was told it had resubscribed. */
    static final class Instance {
        final Set<UUID> renamedUsers = ConcurrentHashMap.newKeySet();
        final AtomicInteger resubscriptions = new AtomicInteger();
        volatile String queue;

        InstanceSubscription subscribe(Topology topology) {
            InstanceSubscription subscription = InstanceSubscription.forInstance("user-changes", topology)
                    .on(UserProfileUpdated.class, renamed -> renamedUsers.add(renamed.userId()))
                    .whenResubscribed(resubscriptions::incrementAndGet)
                    .build();
            queue = subscription.queue();
            return subscription;
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    ContractMessageConverter converter;

    @Autowired
    MessagingNames names;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    CachingConnectionFactory connectionFactory;

    @Autowired
    @Qualifier("instanceListeners")
    ListenerContainers instanceListeners;

    @Test
    void eachInstanceHearsAPublishedEventOnAQueueOfItsOwn() {
        UUID renamed = publishRename();

        await().atMost(DEADLINE)
                .until(() -> FIRST.renamedUsers.contains(renamed) && SECOND.renamedUsers.contains(renamed));
        assertThat(FIRST.queue).isNotEqualTo(SECOND.queue).startsWith(names.eventQueue("user-changes."));
    }

    @Test
    void aStoppedSubscriptionsQueueIsGoneAndComesBackWithItsNextStart() {
        int resubscribedBefore = FIRST.resubscriptions.get();
        instanceListeners.stop();
        try {
            await().atMost(DEADLINE).until(() -> !exists(FIRST.queue) && !exists(SECOND.queue));
        } finally {
            instanceListeners.start();
        }

        await().atMost(DEADLINE).until(() -> FIRST.resubscriptions.get() > resubscribedBefore);
        UUID renamed = publishRename();
        await().atMost(DEADLINE)
                .until(() -> FIRST.renamedUsers.contains(renamed) && SECOND.renamedUsers.contains(renamed));
    }

    @Test
    void theResubscribeHookRunsAfterALostConnectionAndEventsArriveAgainOnANewQueue() {
        await().atMost(DEADLINE).until(() -> exists(FIRST.queue) && exists(SECOND.queue));
        int firstBefore = FIRST.resubscriptions.get();
        int secondBefore = SECOND.resubscriptions.get();

        // closes the connection the exclusive queues belong to: the broker deletes them
        connectionFactory.resetConnection();

        await().atMost(DEADLINE)
                .until(() -> FIRST.resubscriptions.get() > firstBefore && SECOND.resubscriptions.get() > secondBefore);
        UUID renamed = publishRename();
        await().atMost(DEADLINE)
                .until(() -> FIRST.renamedUsers.contains(renamed) && SECOND.renamedUsers.contains(renamed));
    }

    private UUID publishRename() {
        UUID userId = UUID.randomUUID();
        UserProfileUpdated event =
                new UserProfileUpdated(UUID.randomUUID(), Instant.now(), 1, userId, "renamed", "Renamed");
        rabbit.send(
                names.eventsExchange(),
                MessageTypes.idOf(UserProfileUpdated.class),
                converter.toMessage(event, new MessageProperties()));
        return userId;
    }

    private boolean exists(String queue) {
        return admin.getQueueProperties(queue) != null;
    }
}
