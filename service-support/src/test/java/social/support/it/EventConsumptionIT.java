package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.auth.UserRegistered;
import social.support.events.InboxJanitor;
import social.support.messaging.MessagingNames;
import social.support.testing.EventReplay;

/** Consumers apply each event once, and a poison message ends in the dead-letter queue. */
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

    private long messageCount(String queue) {
        Properties info = ((RabbitAdmin) admin).getQueueProperties(queue);
        return info == null ? 0 : ((Number) info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
    }
}
