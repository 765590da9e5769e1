package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import social.contract.auth.UserRegistered;
import social.contract.user.GetUserRequest;
import social.contract.user.UserRpc;
import social.support.messaging.MessageObservations;
import social.support.outbox.EventOutbox;
import social.support.outbox.OutboxRelay;
import social.support.rpc.RpcClient;

/**
 * One user action is one trace across the broker: a request's call and answer, the event its
 * handler wrote to the outbox, the relay's hand-over and each consumer's application of it; and
 * each is timed by operation or subscription and outcome.
 */
@SupportIntegrationTest
@TestPropertySource(properties = "management.tracing.sampling.probability=1.0")
@Import(TracingIT.Spans.class)
class TracingIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TestConfiguration
    static class Spans {
        /** Every finished span of this context, as an OTLP exporter would receive them. */
        @Bean
        InMemorySpanExporter spanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    InMemorySpanExporter spans;

    @Autowired
    ObservationRegistry observations;

    @Autowired
    RpcClient rpc;

    @Autowired
    EventOutbox outbox;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void forgetEarlierSpans() {
        spans.reset();
    }

    @Test
    void aRequestTheEventItsHandlerWroteAndTheConsumersOfThatEventShowAsOneTrace() {
        UserRegistered event =
                new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "traced", "Traced");
        // what the gateway's HTTP observation is for a request: the root of the trace
        Observation request = Observation.start("http.server.requests", observations);
        try (Observation.Scope scope = request.openScope()) {
            rpc.callAndWait(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER));
            transactions.executeWithoutResult(status -> outbox.publish(event));
        } finally {
            request.stop();
        }
        relay.relayPending();

        TracingObservationHandler.TracingContext tracing =
                request.getContextView().getRequired(TracingObservationHandler.TracingContext.class);
        String trace = tracing.getSpan().context().traceId();
        // two subscriptions take the event: each applies it in the same trace
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(names(of(trace)))
                        .contains("http.server.requests", "call user.get", "answer user.get", "outbox user.registered")
                        .filteredOn("apply user.registered"::equals)
                        .hasSize(2));

        Map<String, SpanData> byName = of(trace).stream()
                .filter(span -> !span.getName().equals("apply user.registered"))
                .collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
        SpanData root = byName.get("http.server.requests");

        SpanData call = byName.get("call user.get");
        assertThat(call.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(call.getParentSpanId()).isEqualTo(root.getSpanId());
        SpanData answer = byName.get("answer user.get");
        assertThat(answer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(answer.getParentSpanId()).isEqualTo(call.getSpanId());

        // the outbox span begins when the event was written and continues the writer's trace
        SpanData handedOver = byName.get("outbox user.registered");
        assertThat(handedOver.getParentSpanId()).isEqualTo(root.getSpanId());
        assertThat(handedOver.getStartEpochNanos()).isLessThanOrEqualTo(root.getEndEpochNanos());
        assertThat(of(trace))
                .filteredOn(span -> span.getName().equals("apply user.registered"))
                .extracting(SpanData::getParentSpanId)
                .containsOnly(handedOver.getSpanId());
    }

    @Test
    void callsAnswersAndEventsAreTimedByOperationSubscriptionAndOutcome() {
        double answeredBefore = count(MessageObservations.RPC_SERVER, "operation", "user.get", "outcome", "not_found");
        try {
            rpc.callAndWait(UserRpc.GET, new GetUserRequest(UUID.randomUUID()));
        } catch (RuntimeException expected) {
            // not found: the outcome the timers must show
        }
        UserRegistered event =
                new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "timed", "Timed");
        transactions.executeWithoutResult(status -> outbox.publish(event));
        relay.relayPending();
        relay.relayPending();

        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(count(MessageObservations.RPC_SERVER, "operation", "user.get", "outcome", "not_found"))
                    .isEqualTo(answeredBefore + 1);
            assertThat(count(MessageObservations.RPC_CLIENT, "operation", "user.get", "outcome", "not_found"))
                    .isPositive();
            assertThat(count(
                            MessageObservations.EVENTS, "subscription", queueOf("registrations"), "outcome", "applied"))
                    .isPositive();
        });
        // the outbox's backlog is read from its table: nothing waits once the relay is done
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class))
                .isZero();
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(meters.get("social.outbox.pending").gauge().value()).isZero();
            assertThat(meters.get("social.outbox.lag").gauge().value()).isZero();
        });
    }

    private String queueOf(String concern) {
        return meters.find(MessageObservations.EVENTS).timers().stream()
                .map(timer -> timer.getId().getTag("subscription"))
                .filter(queue -> queue != null && queue.endsWith(concern))
                .findFirst()
                .orElse(concern);
    }

    private double count(String name, String... tags) {
        var timer = meters.find(name).tags(tags).timer();
        return timer == null ? 0 : timer.count();
    }

    private List<SpanData> of(String trace) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(trace))
                .toList();
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).toList();
    }
}
