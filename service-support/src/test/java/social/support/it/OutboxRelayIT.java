package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import social.contract.auth.UserRegistered;
import social.contract.follow.UserFollowed;
import social.contract.like.LikeAdded;
import social.contract.like.LikeRemoved;
import social.contract.post.PostCreated;
import social.contract.registry.Subscription;
import social.contract.registry.Subscriptions;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;
import social.support.outbox.EventOutbox;
import social.support.outbox.OutboxProperties;
import social.support.outbox.OutboxRelay;
import social.support.outbox.OutboxTracing;
import social.support.testing.TcpProxy;

/**
 * No event is lost: one written while the broker is unreachable goes out once it is back, one that
 * no queue takes waits until one does; and a broker that stops answering holds no database
 * transaction.
 */
@SupportIntegrationTest
class OutboxRelayIT {
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MessagingNames names;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    DataSource dataSource;

    @Autowired
    Subscriptions subscriptions;

    private TcpProxy proxy;
    private CachingConnectionFactory connections;
    private OutboxRelay relay;
    private EventOutbox outbox;
    private Queue observer;
    private final List<String> extraQueues = new ArrayList<>();
    private final List<OutboxRelay> relays = new ArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeEach
    void relayThroughACuttableConnection() throws Exception {
        jdbc.update("DELETE FROM outbox");
        proxy = new TcpProxy(System.getProperty("RABBIT_HOST"), Integer.parseInt(System.getProperty("RABBIT_PORT")))
                .start();
        connections = new CachingConnectionFactory("127.0.0.1", proxy.port());
        connections.setUsername(System.getProperty("RABBIT_USER"));
        connections.setPassword(System.getProperty("RABBIT_PASSWORD"));
        relay = relay(200, Duration.ofSeconds(5), meters);
        outbox = new EventOutbox(jdbc, new ContractMessageConverter(), relay);
        observer = new Queue(names.eventQueue("outbox-observer-" + UUID.randomUUID()), false, false, false);
        admin.declareQueue(observer);
        admin.declareBinding(BindingBuilder.bind(observer)
                .to(new TopicExchange(names.eventsExchange()))
                .with("user.registered"));
    }

    @AfterEach
    void close() throws Exception {
        background.shutdownNow();
        relays.forEach(OutboxRelay::close);
        proxy.close();
        connections.destroy();
        admin.deleteQueue(observer.getName());
        extraQueues.forEach(admin::deleteQueue);
    }

    /** A relay waiting for the queues of {@code inventory}'s subscriptions, with meters of its own. */
    private OutboxRelay relay(Subscriptions inventory, MeterRegistry meters) {
        return relay(connections.getRabbitConnectionFactory(), inventory, 200, Duration.ofSeconds(5), meters);
    }

    private OutboxRelay relay(int batchSize, Duration confirmTimeout) {
        return relay(batchSize, confirmTimeout, new SimpleMeterRegistry());
    }

    private OutboxRelay relay(int batchSize, Duration confirmTimeout, MeterRegistry meters) {
        return relay(connections.getRabbitConnectionFactory(), batchSize, confirmTimeout, meters);
    }

    /** A relay waiting for the queues of the test application's subscriptions, as its own relay would. */
    private OutboxRelay relay(
            com.rabbitmq.client.ConnectionFactory broker,
            int batchSize,
            Duration confirmTimeout,
            MeterRegistry meters) {
        return relay(broker, subscriptions, batchSize, confirmTimeout, meters);
    }

    private OutboxRelay relay(
            com.rabbitmq.client.ConnectionFactory broker,
            Subscriptions inventory,
            int batchSize,
            Duration confirmTimeout,
            MeterRegistry meters) {
        OutboxProperties properties = new OutboxProperties(
                Duration.ofSeconds(1),
                batchSize,
                confirmTimeout,
                Duration.ofMillis(100),
                false,
                Duration.ofMillis(100));
        OutboxRelay relay =
                new OutboxRelay(dataSource, broker, names, inventory, properties, null, meters, OutboxTracing.none());
        relays.add(relay);
        return relay;
    }

    @Test
    void anEventWrittenWhileTheBrokerIsUnreachableIsPublishedOnceItIsBack() throws Exception {
        proxy.cut();
        UserRegistered event =
                new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "outage", "Outage");
        transactions.executeWithoutResult(status -> outbox.publish(event));

        assertThatThrownBy(relay::relayPending).isNotNull();
        assertThat(pending()).isEqualTo(1);

        proxy.start();
        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(pending()).isZero();

        Message delivered = rabbit.receive(observer.getName(), 5000);
        assertThat(delivered).isNotNull();
        assertThat(delivered.getMessageProperties().getMessageId())
                .isEqualTo(event.eventId().toString());
        assertThat(delivered.getMessageProperties().getType()).isEqualTo("user.registered");
        assertThat(new ContractMessageConverter().fromMessage(delivered)).isEqualTo(event);
        assertThat(rabbit.receive(observer.getName(), 200)).as("published once").isNull();
    }

    @Test
    void anEventIsWrittenOnlyWithItsTransactionsCommit() {
        UserRegistered event =
                new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "rolled", "Back");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    outbox.publish(event);
                    throw new IllegalStateException("the state change failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pending()).isZero();
        assertThatThrownBy(() -> outbox.publish(event)).hasMessageContaining("transaction");
    }

    @Test
    void eventsGoOutOldestFirstInBatches() {
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 450; i++) {
                outbox.publish(
                        new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "u" + i, "U"));
            }
        });
        assertThat(relay.relayPending()).isEqualTo(450);
        for (int i = 0; i < 450; i++) {
            UserRegistered received = (UserRegistered)
                    new ContractMessageConverter().fromMessage(rabbit.receive(observer.getName(), 5000));
            assertThat(received.username()).isEqualTo("u" + i);
        }
    }

    /**
     * Two instances of a service write to one outbox and relay it at the same time, each woken by its
     * own writes: one at a time holds the lock, so each event goes out once, and in the order written
     * (which in-order consumers rely on).
     */
    @Test
    void twoInstancesRelayingOneOutboxAtOnceSendEachEventOnceInOrder() {
        // small batches: the two take the lock in turns many times
        OutboxRelay one = relay(10, Duration.ofSeconds(5));
        OutboxRelay other = relay(straightToTheBroker(), 10, Duration.ofSeconds(5), new SimpleMeterRegistry());
        List<EventOutbox> outboxes = List.of(
                new EventOutbox(jdbc, new ContractMessageConverter(), one),
                new EventOutbox(jdbc, new ContractMessageConverter(), other));
        one.start();
        other.start();

        int events = 300;
        for (int i = 0; i < events; i++) {
            EventOutbox writer = outboxes.get(i % 2);
            UserRegistered event = registration("u" + i);
            transactions.executeWithoutResult(status -> writer.publish(event));
        }

        for (int i = 0; i < events; i++) {
            assertThat(((UserRegistered) received(observer)).username()).isEqualTo("u" + i);
        }
        assertThat(rabbit.receive(observer.getName(), 500))
                .as("an event sent twice")
                .isNull();
    }

    @Test
    void anEventNoSubscriptionTakesIsNotHeldWhenNoQueueTakesItAndHoldsNoLaterEventOfItsAggregate() {
        // the test application's inventory has no taker of like.removed (as the contract's: nothing
        // subscribes to it); like.added has a queue
        Queue additions = observerOf("like.added");
        LikeRemoved removal = likeRemoved();
        LikeAdded addition = likeAdded();
        transactions.executeWithoutResult(status -> {
            outbox.publish(removal);
            outbox.publish(addition);
        });

        relay.relayPending();

        assertThat(pendingEventIds())
                .as("nothing waits for a queue nobody declares")
                .isEmpty();
        assertThat(received(additions)).isEqualTo(addition);
    }

    @Test
    void anEventNoQueueTakesWaitsInTheOutboxUntilItsQueueExistsAndIsThenConsumedOnce() {
        // a subscription takes like.added and like.removed, but its queue is not bound to them yet (a
        // new version of its service, not started yet, binds them; or a reset broker); like.removed has
        // another queue already
        Subscription taker =
                Subscription.of("outbox-it", "likes-" + UUID.randomUUID(), LikeAdded.class, LikeRemoved.class);
        Queue likes = queueOf(taker);
        MeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = relay(Subscriptions.of(taker), meters);
        Queue removals = observerOf("like.removed");
        LikeAdded first = likeAdded();
        UserRegistered meanwhile = registration("meanwhile-" + UUID.randomUUID());
        LikeAdded second = likeAdded();
        transactions.executeWithoutResult(status -> {
            outbox.publish(first);
            outbox.publish(meanwhile);
            outbox.publish(second);
        });

        relay.relayPending();

        // nothing is lost, and the routable event does not wait for the unroutable ones
        assertThat(pendingEventIds()).as("events no queue took").containsExactly(first.eventId(), second.eventId());
        assertThat(received(observer)).isEqualTo(meanwhile);

        // other aggregates keep going; the like aggregate's later events, routable or not, wait behind
        UserRegistered later = registration("later-" + UUID.randomUUID());
        LikeRemoved removal = likeRemoved();
        transactions.executeWithoutResult(status -> {
            outbox.publish(removal);
            outbox.publish(later);
        });
        relay.relayPending();
        assertThat(received(observer)).isEqualTo(later);
        assertThat(pendingEventIds()).containsExactly(first.eventId(), second.eventId(), removal.eventId());
        assertThat(rabbit.receive(removals.getName(), 200)).as("no overtaking").isNull();
        assertThat(meters.counter("social.outbox.unrouted", "type", "like.added")
                        .count())
                .as("returned events counted")
                .isGreaterThanOrEqualTo(2);
        assertThat(meters.get("social.outbox.unrouted.aggregates").gauge().value())
                .as("aggregates waiting")
                .isEqualTo(1);

        // the consumer's queue appears: all arrive, in the order they were written, once each
        queueOf(taker, "like.added", "like.removed");
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
            relay.relayPending();
            assertThat(pendingEventIds()).isEmpty();
        });
        assertThat(received(likes)).isEqualTo(first);
        assertThat(received(likes)).isEqualTo(second);
        assertThat(received(likes)).isEqualTo(removal);
        assertThat(rabbit.receive(likes.getName(), 500)).as("each once").isNull();
        assertThat(received(removals)).isEqualTo(removal);
        assertThat(rabbit.receive(removals.getName(), 200)).as("once").isNull();
        assertThat(meters.get("social.outbox.unrouted.aggregates").gauge().value())
                .isZero();
    }

    @Test
    void anEventWaitsUntilEverySubscriptionThatTakesItHasItsQueueSoThatALateSubscriberGetsItToo() {
        // user.followed, as the contract's inventory lists its takers: post-service and notification-service
        // declared their queues, user-service has not started yet (issue 11, item 3: faults "topology")
        Subscriptions inventory = Subscriptions.contract();
        List<Subscription> takers = inventory.takersOf("user.followed");
        Subscription late = inventory.find("user-service", "profile-counters").orElseThrow();
        assertThat(takers).contains(late).hasSizeGreaterThan(1);
        List<Queue> early = takers.stream()
                .filter(taker -> !taker.equals(late))
                .map(taker -> queueOf(taker, "user.followed"))
                .toList();
        MeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = relay(inventory, meters);
        EventOutbox outbox = new EventOutbox(jdbc, new ContractMessageConverter(), relay);
        Queue removals = observerOf("like.removed");
        UserFollowed followed =
                new UserFollowed(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), UUID.randomUUID(), true, 1L);
        transactions.executeWithoutResult(status -> outbox.publish(followed));

        relay.relayPending();

        assertThat(pendingEventIds())
                .as("an event one of whose subscribers has no queue yet stays in the outbox")
                .containsExactly(followed.eventId());
        // only its aggregate waits
        LikeRemoved removal = likeRemoved();
        transactions.executeWithoutResult(status -> outbox.publish(removal));
        relay.relayPending();
        assertThat(received(removals)).isEqualTo(removal);
        assertThat(pendingEventIds()).containsExactly(followed.eventId());
        assertThat(meters.counter(
                                "social.outbox.missing.queue", "type", "user.followed", "queue", names.eventQueue(late))
                        .count())
                .as("held for the missing queue, counted")
                .isGreaterThanOrEqualTo(1);
        assertThat(meters.get("social.outbox.unrouted.aggregates").gauge().value())
                .isEqualTo(1);

        // user-service starts and declares its queue: the event reaches it, once, and the others too
        Queue profileCounters = queueOf(late, "user.followed");
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
            relay.relayPending();
            assertThat(pendingEventIds()).isEmpty();
        });
        assertThat(received(profileCounters)).isEqualTo(followed);
        assertThat(rabbit.receive(profileCounters.getName(), 500)).as("once").isNull();
        early.forEach(queue -> assertThat(received(queue)).isEqualTo(followed));
        assertThat(meters.get("social.outbox.unrouted.aggregates").gauge().value())
                .isZero();
    }

    @Test
    void queuesSeenToExistAreAskedAboutAgainAfterALostConnectionAsABrokerResetMayHaveDeletedThem() throws Exception {
        Subscription notifications = Subscription.of("notification-service", "notifications", LikeAdded.class);
        Subscription reset = Subscription.of("user-service", "likes", LikeAdded.class);
        OutboxRelay relay = relay(Subscriptions.of(notifications, reset), new SimpleMeterRegistry());
        EventOutbox outbox = new EventOutbox(jdbc, new ContractMessageConverter(), relay);
        Queue kept = queueOf(notifications, "like.added");
        Queue lost = queueOf(reset, "like.added");
        LikeAdded before = likeAdded();
        transactions.executeWithoutResult(status -> outbox.publish(before));
        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(received(kept)).isEqualTo(before);
        assertThat(received(lost)).isEqualTo(before);

        // the connection goes, and with the broker's reset one of the queues
        LikeAdded after = likeAdded();
        transactions.executeWithoutResult(status -> outbox.publish(after));
        proxy.cut();
        // it finds the connection gone (a round may first find the lock taken by a relay of an
        // earlier test still letting go of it: then it tries again)
        await().atMost(DEADLINE).until(() -> failsToRelay(relay));
        admin.deleteQueue(lost.getName());
        proxy.start();

        relay.relayPending();

        assertThat(pendingEventIds()).containsExactly(after.eventId());
        assertThat(rabbit.receive(kept.getName(), 200)).isNull();
    }

    @Test
    void whileTheBrokerStopsAnsweringTheRelayHoldsNoTransactionGivesUpInTimeAndTheEventIsAppliedOnce()
            throws Exception {
        OutboxRelay relay = relay(200, Duration.ofSeconds(3));
        EventOutbox outbox = new EventOutbox(jdbc, new ContractMessageConverter(), relay);
        OutboxRelay otherInstance = relay(straightToTheBroker(), 200, Duration.ofSeconds(3), new SimpleMeterRegistry());
        warmUp(relay, outbox);
        UserRegistered event = registration("stalled-" + UUID.randomUUID());
        transactions.executeWithoutResult(status -> outbox.publish(event));

        proxy.pause(); // the broker stops reading, as under a memory or disk alarm
        Future<Integer> stuck = background.submit(relay::relayPending);

        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofMillis(2500))
                .untilAsserted(() -> assertThat(sessionsIdleInTransaction())
                        .as("sessions idle in a transaction while the broker does not answer")
                        .isZero());
        assertThat(stuck).as("still waiting for the broker").isNotDone();
        assertThat(otherInstance.relayPending())
                .as("one instance relays at a time")
                .isZero();
        assertThatThrownBy(() -> stuck.get(5, TimeUnit.SECONDS))
                .as("gives up within the confirm timeout")
                .isInstanceOf(ExecutionException.class);
        assertThat(pendingEventIds()).containsExactly(event.eventId());

        // it let go: another instance, whose broker connection works, takes over at once
        assertThat(otherInstance.relayPending()).isEqualTo(1);
        // what the first one wrote before it gave up may still reach the broker: consumers dedupe
        proxy.resume();
        UserRegistered marker = registration("after-stall-" + UUID.randomUUID());
        transactions.executeWithoutResult(status -> outbox.publish(marker));
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
            relay.relayPending();
            assertThat(pendingEventIds()).isEmpty();
        });
        await().atMost(DEADLINE).until(() -> applied(marker.eventId()) == 1);
        assertThat(applied(event.eventId())).as("applied exactly once").isEqualTo(1);
    }

    @Test
    void aPublishWhoseWritesTheBrokerNoLongerReadsGivesUpInTime() throws Exception {
        int events = 1500;
        OutboxRelay relay = relay(events, Duration.ofSeconds(2));
        EventOutbox outbox = new EventOutbox(jdbc, new ContractMessageConverter(), relay);
        warmUp(relay, outbox);
        Queue posts = observerOf("post.created");
        String content = "x".repeat(4000); // some 6 MB in all: more than the socket buffers between hold
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < events; i++) {
                outbox.publish(postCreated(content));
            }
        });

        proxy.pause();
        Future<Integer> stuck = background.submit(relay::relayPending);

        assertThatThrownBy(() -> stuck.get(6, TimeUnit.SECONDS))
                .as("gives up within the confirm timeout, though its writes block")
                .isInstanceOf(ExecutionException.class);
        assertThat(sessionsIdleInTransaction()).isZero();
        assertThat(pendingEventIds()).hasSize(events);

        proxy.resume();
        await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
            relay.relayPending();
            assertThat(pendingEventIds()).isEmpty();
        });
        await().atMost(DEADLINE).until(() -> admin.getQueueInfo(posts.getName()).getMessageCount() >= events);
    }

    /** Another instance's way to the broker: not through the proxy. */
    private static com.rabbitmq.client.ConnectionFactory straightToTheBroker() {
        com.rabbitmq.client.ConnectionFactory broker = new com.rabbitmq.client.ConnectionFactory();
        broker.setHost(System.getProperty("RABBIT_HOST"));
        broker.setPort(Integer.parseInt(System.getProperty("RABBIT_PORT")));
        broker.setUsername(System.getProperty("RABBIT_USER"));
        broker.setPassword(System.getProperty("RABBIT_PASSWORD"));
        return broker;
    }

    /** Relays one event, so that the relay's broker connection stands before the broker stops answering. */
    private void warmUp(OutboxRelay relay, EventOutbox outbox) {
        UserRegistered first = registration("warm-up-" + UUID.randomUUID());
        transactions.executeWithoutResult(status -> outbox.publish(first));
        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(received(observer)).isEqualTo(first);
    }

    private Queue observerOf(String... routingKeys) {
        Queue queue = new Queue(names.eventQueue("outbox-observer-" + UUID.randomUUID()), false, false, false);
        admin.declareQueue(queue);
        extraQueues.add(queue.getName());
        for (String routingKey : routingKeys) {
            admin.declareBinding(BindingBuilder.bind(queue)
                    .to(new TopicExchange(names.eventsExchange()))
                    .with(routingKey));
        }
        return queue;
    }

    /** The queue of a subscription of another service, as it declares it when it starts. */
    private Queue queueOf(Subscription subscription, String... routingKeys) {
        Queue queue = new Queue(names.eventQueue(subscription), false, false, false);
        admin.declareQueue(queue);
        extraQueues.add(queue.getName());
        for (String routingKey : routingKeys) {
            admin.declareBinding(BindingBuilder.bind(queue)
                    .to(new TopicExchange(names.eventsExchange()))
                    .with(routingKey));
        }
        return queue;
    }

    private Object received(Queue queue) {
        Message message = rabbit.receive(queue.getName(), 5000);
        assertThat(message).as("an event on " + queue.getName()).isNotNull();
        return new ContractMessageConverter().fromMessage(message);
    }

    private List<UUID> pendingEventIds() {
        return jdbc.queryForList("SELECT event_id FROM outbox ORDER BY id", UUID.class);
    }

    private int sessionsIdleInTransaction() {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND state LIKE 'idle in transaction%'",
                Integer.class);
        return count == null ? 0 : count;
    }

    private int applied(UUID eventId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM applied_registration WHERE event_id = ?", Integer.class, eventId);
        return count == null ? 0 : count;
    }

    private static UserRegistered registration(String username) {
        return new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), username, "U");
    }

    private static LikeAdded likeAdded() {
        return new LikeAdded(
                UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    private static LikeRemoved likeRemoved() {
        return new LikeRemoved(
                UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    }

    private static PostCreated postCreated(String content) {
        return new PostCreated(
                UUID.randomUUID(),
                Instant.now(),
                1,
                UUID.randomUUID(),
                UUID.randomUUID(),
                content,
                Instant.now(),
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null);
    }

    private int pending() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class);
        return count == null ? 0 : count;
    }

    private static boolean failsToRelay(OutboxRelay relay) {
        try {
            relay.relayPending();
            return false;
        } catch (RuntimeException expected) {
            return true;
        }
    }
}
