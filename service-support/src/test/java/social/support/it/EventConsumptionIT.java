package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.auth.UserRegistered;
import social.support.events.DeadLetters;
import social.support.events.EventConsumers;
import social.support.events.InboxJanitor;
import social.support.messaging.MessagingNames;
import social.support.messaging.Topology;
import social.support.testing.EventReplay;
import social.support.testing.TestInfrastructure;

/**
 * Consumers apply each event once; a poison message ends in the dead-letter queue, except in an
 * in-order subscription, which retries it; dead-letter queues are bounded, counted and replayed.
 */
@SupportIntegrationTest
class EventConsumptionIT {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventReplay replay;

    @Autowired
    MessagingNames names;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    InboxJanitor janitor;

    @Autowired
    EventConsumers consumers;

    @Autowired
    DeadLetters deadLetterQueues;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("eventSubscriptionsHealthIndicator")
    HealthIndicator subscriptionsHealth;

    @Test
    void anInOrderSubscriptionAppliesNoLaterEventBeforeOneThatFailedForAWhile() {
        // more failures than attempts in place: the flaky event goes back to the queue once
        SupportTestApplication.FLAKY_FAILURES_LEFT.set(6);
        String flaky = SupportTestApplication.FLAKY_PREFIX + UUID.randomUUID();
        String later = "later-" + UUID.randomUUID();
        replay.deliver(registration(flaky));
        replay.deliver(registration(later));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM applied_in_order WHERE username IN (?, ?)",
                                Integer.class,
                                flaky,
                                later)
                        == 2);
        assertThat(jdbc.queryForList(
                        "SELECT username FROM applied_in_order WHERE username IN (?, ?) ORDER BY seq",
                        String.class,
                        flaky,
                        later))
                .containsExactly(flaky, later);
    }

    @Test
    void anInOrderSubscriptionRetriesAnEventThatFailsByItselfInsteadOfSkippingIt() {
        // more failures than attempts in place: today's listener would dead-letter it and apply the next one
        String deadLetters = names.deadLetterQueue(names.eventQueue("registrations-in-order"));
        long before = messageCount(deadLetters);
        SupportTestApplication.STUBBORN_FAILURES_LEFT.set(7);
        String stubborn = SupportTestApplication.STUBBORN_PREFIX + UUID.randomUUID();
        String later = "later-" + UUID.randomUUID();
        replay.deliver(registration(stubborn));
        replay.deliver(registration(later));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM applied_in_order WHERE username IN (?, ?)",
                                Integer.class,
                                stubborn,
                                later)
                        == 2);
        assertThat(jdbc.queryForList(
                        "SELECT username FROM applied_in_order WHERE username IN (?, ?) ORDER BY seq",
                        String.class,
                        stubborn,
                        later))
                .containsExactly(stubborn, later);
        assertThat(messageCount(deadLetters)).isEqualTo(before);
    }

    @Test
    void anInOrderSubscriptionStuckAtAnEventReportsItInItsHealthAndGaugeUntilItMovesAgain() {
        String queue = names.eventQueue("registrations-in-order");
        SupportTestApplication.STUBBORN_FAILURES_LEFT.set(Integer.MAX_VALUE);
        UserRegistered stuck = registration(SupportTestApplication.STUBBORN_PREFIX + UUID.randomUUID());
        replay.deliver(stuck);

        await().atMost(DEADLINE).until(() -> consumers.stuck().containsKey(queue));
        assertThat(consumers.stuck().get(queue).eventId()).isEqualTo(stuck.eventId());
        assertThat(subscriptionsHealth.health().getDetails().get("stuck"))
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .extractingByKey(queue)
                .asInstanceOf(InstanceOfAssertFactories.map(String.class, Object.class))
                .containsEntry("eventId", stuck.eventId().toString())
                .containsEntry("type", "user.registered");
        await().atMost(DEADLINE).until(() -> stuckSeconds(queue) > 0);

        SupportTestApplication.STUBBORN_FAILURES_LEFT.set(0);

        await().atMost(DEADLINE).until(() -> !consumers.stuck().containsKey(queue));
        assertThat(stuckSeconds(queue)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM applied_in_order WHERE username = ?", Integer.class, stuck.username()))
                .isOne();
    }

    @Test
    void anEventWhoseProcessedIdWasForgottenIsNotAppliedAgain() {
        String queue = names.eventQueue("registrations");
        String deadLetters = names.deadLetterQueue(queue);
        long before = messageCount(deadLetters);
        // applied 8 days ago: its effect, and its id, which the janitor forgets after the 7 days' retention
        UserRegistered old = new UserRegistered(
                UUID.randomUUID(), Instant.now().minus(Duration.ofDays(8)), 1, UUID.randomUUID(), "old", "old");
        jdbc.update(
                "INSERT INTO applied_registration (event_id, user_id, username) VALUES (?, ?, ?)",
                old.eventId(),
                old.userId(),
                old.username());
        jdbc.update(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, now() - interval '8 days')",
                queue,
                old.eventId());
        janitor.purge();

        // delivered once more, e.g. replayed from a dead-letter queue that held a copy
        replay.deliver(old);
        UserRegistered next = registration("after-old");
        replay.deliver(next);

        await().atMost(DEADLINE).until(() -> applied(next.eventId()) == 1);
        assertThat(applied(old.eventId())).isOne();
        await().atMost(DEADLINE).until(() -> messageCount(deadLetters) == before + 1);
    }

    @Test
    void aDeadLetterReplayedOnceItsCauseIsFixedIsAppliedOnceAndWhatStillFailsStays() {
        String queue = names.eventQueue("registrations");
        String deadLetters = names.deadLetterQueue(queue);
        long before = messageCount(deadLetters);
        SupportTestApplication.CURABLE_BROKEN.set(true);
        UserRegistered curable = registration(SupportTestApplication.CURABLE_PREFIX + UUID.randomUUID());
        // delivered twice (at least once), dead-lettered twice
        replay.deliver(curable);
        replay.deliver(curable);
        await().atMost(DEADLINE).until(() -> messageCount(deadLetters) == before + 2);
        assertThat(applied(curable.eventId())).isZero();

        SupportTestApplication.CURABLE_BROKEN.set(false);
        DeadLetters.Replay replayed = deadLetterQueues.replay(queue).orElseThrow();

        assertThat(applied(curable.eventId())).isOne();
        assertThat(replayed.replayed()).isEqualTo(2);
        // the poison and the unreadable messages of the other tests still fail: back where they were
        assertThat(replayed.left()).isEqualTo(before);
        assertThat(messageCount(deadLetters)).isEqualTo(before);

        assertThat(deadLetterQueues.replay(deadLetters).orElseThrow().replayed())
                .isZero();
        assertThat(applied(curable.eventId())).isOne();
        assertThat(deadLetterQueues.replay(names.eventQueue("no-such-subscription")))
                .isEmpty();
    }

    @Test
    void eachDeadLetterQueueHasAGaugeOfItsMessageCount() {
        String deadLetters = names.deadLetterQueue(names.eventQueue("registrations"));
        UserRegistered poison = registration(SupportTestApplication.POISON_USERNAME);
        replay.deliver(poison);
        UserRegistered next = registration("after-poison-counted");
        replay.deliver(next);
        await().atMost(DEADLINE).until(() -> applied(next.eventId()) == 1);
        long count = messageCount(deadLetters);
        assertThat(count).isPositive();

        await().atMost(DEADLINE)
                .until(() -> meters.get(DeadLetters.GAUGE)
                                .tag("queue", deadLetters)
                                .gauge()
                                .value()
                        == count);
    }

    @Test
    void aServiceStartsAgainstADeadLetterQueueDeclaredBeforeItWasBoundedAndBoundsTheNewOnes() {
        String prefix = TestInfrastructure.start().get("MESSAGING_PREFIX");
        MessagingNames legacyNames = new MessagingNames(prefix, "support-it-legacy");
        String unordered = legacyNames.eventQueue("registrations");
        String inOrder = legacyNames.eventQueue("registrations-in-order");
        // what an earlier version declared: a dead-letter queue without x-max-length
        admin.declareQueue(
                new Topology(legacyNames, true).durableQueue(legacyNames.deadLetterQueue(unordered), Map.of()));

        try (ConfigurableApplicationContext legacy = new SpringApplicationBuilder(SupportTestApplication.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.application.name=support-it-legacy",
                        "social.db.schema=support_it",
                        "social.messaging.event-concurrency=1",
                        "social.messaging.max-delivery-attempts=1",
                        "social.messaging.dead-letter-max-length=2",
                        "social.outbox.relay-enabled=false")
                .run()) {
            for (int i = 0; i < 3; i++) {
                MessageProperties properties = new MessageProperties();
                properties.setType("java.util.HashMap");
                properties.setContentType("application/json");
                rabbit.send(names.eventsExchange(), "user.registered", new Message("{}".getBytes(), properties));
            }
            UserRegistered next = registration("after-garbage-legacy");
            replay.deliver(next);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> processed(unordered, next.eventId()) && processed(inOrder, next.eventId()));
            // the old queue stays as it was, unbounded; the new one keeps its 2 newest
            await().atMost(DEADLINE).until(() -> messageCount(legacyNames.deadLetterQueue(unordered)) == 3);
            await().atMost(DEADLINE).until(() -> messageCount(legacyNames.deadLetterQueue(inOrder)) == 2);
            assertThat(legacy.isRunning()).isTrue();
        }
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        UserRegistered event = registration("twice");
        replay.deliver(event);
        replay.deliver(event);
        UserRegistered marker = registration("after-twice");
        replay.deliver(marker);

        await().atMost(DEADLINE).until(() -> applied(marker.eventId()) == 1);
        assertThat(applied(event.eventId())).isEqualTo(1);
    }

    @Test
    void aPoisonEventIsDeadLetteredAfterBoundedAttemptsAndTheConsumerKeepsGoing() {
        String deadLetters = names.deadLetterQueue(names.eventQueue("registrations"));
        long before = messageCount(deadLetters);
        UserRegistered poison = registration(SupportTestApplication.POISON_USERNAME);
        replay.deliver(poison);
        UserRegistered next = registration("after-poison");
        replay.deliver(next);

        await().atMost(DEADLINE).until(() -> applied(next.eventId()) == 1);
        await().atMost(DEADLINE).until(() -> messageCount(deadLetters) == before + 1);
        // every attempt rolled back: the poison left no effect behind
        assertThat(applied(poison.eventId())).isZero();
    }

    @Test
    void aMessageOfNoContractTypeIsDeadLetteredAtOnce() {
        String deadLetters = names.deadLetterQueue(names.eventQueue("registrations"));
        long before = messageCount(deadLetters);
        MessageProperties properties = new MessageProperties();
        properties.setType("java.util.HashMap");
        properties.setContentType("application/json");
        rabbit.send(names.eventsExchange(), "user.registered", new Message("{}".getBytes(), properties));
        UserRegistered next = registration("after-garbage");
        replay.deliver(next);

        await().atMost(DEADLINE).until(() -> applied(next.eventId()) == 1);
        await().atMost(DEADLINE).until(() -> messageCount(deadLetters) == before + 1);
    }

    @Test
    void processedEventIdsAreForgottenOnlyAfterTheRetention() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('c', ?, now() - interval '8 days')",
                old);
        jdbc.update(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('c', ?, now() - interval '6 days')",
                recent);

        assertThat(janitor.purge()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, old))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, recent))
                .isOne();
    }

    private UserRegistered registration(String username) {
        return new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), username, username);
    }

    private int applied(UUID eventId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM applied_registration WHERE event_id = ?", Integer.class, eventId);
        return count == null ? 0 : count;
    }

    private boolean processed(String consumer, UUID eventId) {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                        Integer.class,
                        consumer,
                        eventId)
                == 1;
    }

    private double stuckSeconds(String queue) {
        return meters.get(EventConsumers.STUCK_GAUGE)
                .tag("queue", queue)
                .gauge()
                .value();
    }

    private long messageCount(String queue) {
        Properties info = ((RabbitAdmin) admin).getQueueProperties(queue);
        return info == null ? 0 : ((Number) info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
    }
}
