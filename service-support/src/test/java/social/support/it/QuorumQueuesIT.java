package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.auth.UserRegistered;
import social.contract.user.GetUserRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.support.events.DeadLetters;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;
import social.support.rpc.RpcClient;
import social.support.testing.EventReplay;
import social.support.testing.RealInfrastructure;
import social.support.testing.TestInfrastructure;

/**
 * The backbone on quorum queues ({@code social.messaging.queue-type=quorum}, for clusters): requests
 * are answered, an event that fails during an outage is put back as often as it takes and then
 * applied, in order where it must be, and never dead-lettered; a poison event still is, and can be
 * replayed. More than 20 redeliveries: RabbitMQ 4 would drop or dead-letter a message returned more
 * often than that unless its queue sets a delivery limit of its own.
 */
@ExtendWith(RealInfrastructure.class)
class QuorumQueuesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** More than RabbitMQ 4's default delivery limit of a quorum queue (20). */
    private static final int OUTAGE_REDELIVERIES = 25;

    private static ConfigurableApplicationContext service;
    private static MessagingNames names;
    private static EventReplay replay;
    private static JdbcTemplate jdbc;
    private static RabbitTemplate rabbit;

    @BeforeAll
    static void startOnQuorumQueues() {
        // a prefix of its own: the other tests of this JVM declared the same request queue as a classic one
        String prefix = TestInfrastructure.start().get("MESSAGING_PREFIX") + "quorum.";
        // arguments, not default properties: those rank below the services' shared defaults
        service = new SpringApplicationBuilder(SupportTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=support-quorum-it",
                        "--social.db.schema=support_it",
                        "--social.messaging.prefix=" + prefix,
                        // the switch a deployment sets (env MESSAGING_QUEUE_TYPE), read by the shared defaults
                        "--MESSAGING_QUEUE_TYPE=quorum",
                        "--social.messaging.rpc-timeout=5s",
                        "--social.messaging.event-concurrency=1",
                        // every failure goes back to the broker: each attempt is a delivery
                        "--social.messaging.max-delivery-attempts=1",
                        "--social.messaging.retry-backoff=1ms",
                        "--social.messaging.retry-backoff-max=5ms",
                        "--social.outbox.relay-enabled=false");
        names = service.getBean(MessagingNames.class);
        jdbc = service.getBean(JdbcTemplate.class);
        rabbit = service.getBean(RabbitTemplate.class);
        replay = new EventReplay(rabbit, service.getBean(ContractMessageConverter.class), names);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theSharedQueuesAreQuorumQueuesWithoutDeliveryLimit() {
        String unordered = names.eventQueue("registrations");
        String inOrder = names.eventQueue("registrations-in-order");
        Map<String, String> declared = new HashMap<>();
        // what the broker holds: name, type and arguments of each queue of the default virtual host
        TestInfrastructure.rabbitmqctl("list_queues", "-q", "--no-table-headers", "name", "type", "arguments")
                .lines()
                .map(line -> line.split("\t", 2))
                .filter(row -> row.length == 2)
                .forEach(row -> declared.put(row[0], row[1]));
        for (String queue : List.of(
                names.rpcQueue(UserRpc.SERVICE),
                unordered,
                names.deadLetterQueue(unordered),
                inOrder,
                names.deadLetterQueue(inOrder))) {
            assertThat(declared.get(queue))
                    .as(queue)
                    .startsWith("quorum\t")
                    .contains("{\"x-delivery-limit\"," + Integer.MAX_VALUE + "}");
        }
        assertThat(declared.get(unordered)).contains("{\"x-dead-letter-strategy\",\"at-least-once\"}");
    }

    @Test
    void aRequestIsAnsweredFromAQuorumQueue() {
        User user = service.getBean(RpcClient.class)
                .callAndWait(
                        UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER), Duration.ofSeconds(10));

        assertThat(user.id()).isEqualTo(SupportTestApplication.KNOWN_USER);
    }

    @Test
    void anEventPutBackMoreOftenThanRabbitMq4sDefaultLimitDuringAnOutageIsAppliedAndNotDeadLettered() {
        String deadLetters = names.deadLetterQueue(names.eventQueue("registrations"));
        long before = messageCount(deadLetters);
        SupportTestApplication.OUTAGE_FAILURES_LEFT.set(OUTAGE_REDELIVERIES);
        UserRegistered event = registration(SupportTestApplication.OUTAGE_PREFIX + UUID.randomUUID());

        replay.deliver(event);

        await().atMost(DEADLINE).until(() -> applied(event.eventId()) == 1);
        // one delivery per failed attempt, then the one that applied it
        assertThat(SupportTestApplication.OUTAGE_FAILURES_LEFT.get()).isEqualTo(-1);
        assertThat(messageCount(deadLetters)).isEqualTo(before);
    }

    @Test
    void anInOrderEventPutBackMoreOftenThanRabbitMq4sDefaultLimitIsAppliedBeforeTheNextOne() {
        String deadLetters = names.deadLetterQueue(names.eventQueue("registrations-in-order"));
        long before = messageCount(deadLetters);
        SupportTestApplication.FLAKY_FAILURES_LEFT.set(OUTAGE_REDELIVERIES);
        String flaky = SupportTestApplication.FLAKY_PREFIX + UUID.randomUUID();
        String later = "later-" + UUID.randomUUID();

        replay.deliver(registration(flaky));
        replay.deliver(registration(later));

        await().atMost(DEADLINE)
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
        assertThat(SupportTestApplication.FLAKY_FAILURES_LEFT.get()).isEqualTo(-1);
        assertThat(messageCount(deadLetters)).isEqualTo(before);
    }

    @Test
    void aPoisonEventIsStillDeadLetteredAndAppliedOnceReplayedAfterTheFix() {
        String queue = names.eventQueue("registrations");
        String deadLetters = names.deadLetterQueue(queue);
        long before = messageCount(deadLetters);
        SupportTestApplication.CURABLE_BROKEN.set(true);
        UserRegistered curable = registration(SupportTestApplication.CURABLE_PREFIX + UUID.randomUUID());
        UserRegistered next = registration("after-curable-" + UUID.randomUUID());

        replay.deliver(curable);
        replay.deliver(next);

        await().atMost(DEADLINE).until(() -> applied(next.eventId()) == 1);
        await().atMost(DEADLINE).until(() -> messageCount(deadLetters) == before + 1);
        assertThat(applied(curable.eventId())).isZero();

        SupportTestApplication.CURABLE_BROKEN.set(false);
        DeadLetters.Replay replayed =
                service.getBean(DeadLetters.class).replay(queue).orElseThrow();

        assertThat(replayed.replayed()).isEqualTo(1);
        assertThat(applied(curable.eventId())).isOne();
        assertThat(messageCount(deadLetters)).isEqualTo(before);
    }

    private static UserRegistered registration(String username) {
        return new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), username, username);
    }

    private static int applied(UUID eventId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM applied_registration WHERE event_id = ?", Integer.class, eventId);
        return count == null ? 0 : count;
    }

    private static long messageCount(String queue) {
        Long count = rabbit.execute(
                channel -> (long) channel.queueDeclarePassive(queue).getMessageCount());
        return count == null ? 0 : count;
    }
}
