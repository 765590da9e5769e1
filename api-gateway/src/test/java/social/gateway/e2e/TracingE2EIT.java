package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.gateway.e2e.TraceCollector.ReceivedSpan;

/**
 * One user action is one trace, from the gateway through the services, the broker and the outbox
 * to the notification pushed to the author's stream; an error answer names the trace it belongs to.
 * The services export over OTLP to the stack's {@link TraceCollector}; a client's W3C
 * {@code traceparent} header starts the trace, as a browser's or an app's tracing would.
 */
class TracingE2EIT {
    /** The services' span exporters send in batches, every 5 s. */
    private static final Duration EXPORTED = Duration.ofSeconds(30);

    private static Api api;
    private static TraceCollector traces;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
        traces = Stack.get().traces();
    }

    @Test
    void aLikeIsOneTraceFromTheGatewayThroughLikeServiceTheOutboxAndNotificationServiceToTheAuthorsStream()
            throws Exception {
        Session author = api.signUp("tr_author");
        Session fan = api.signUp("tr_fan");
        String postId = Social.post(api, author, "trace my like").get("id").asString();
        String trace = newTraceId();
        traces.watch(trace);

        try (NotificationsE2EIT.SseClient stream =
                NotificationsE2EIT.SseClient.open(api.base(), author.accessToken())) {
            Response liked =
                    api.send("PUT", "/api/posts/" + postId + "/like", null, fan.accessToken(), traceparent(trace));
            assertThat(liked.status()).isEqualTo(204);
            stream.expect("LIKE", fan, UUID.fromString(postId));
        }

        // every instance exports its spans in batches on its own schedule: with several gateways, the
        // one that took the request may export after the one that pushed the notification, and a
        // span's parent may arrive after it; wait for the named spans and for every parent
        await().atMost(EXPORTED).untilAsserted(() -> {
            List<ReceivedSpan> received = traces.spansOf(trace);
            assertThat(received)
                    .extracting(span -> span.service() + ": " + span.name())
                    .contains(
                            "api-gateway: http put /api/posts/{id}/like",
                            "like-service: answer like.add",
                            "like-service: outbox like.added",
                            "notification-service: apply like.added",
                            "api-gateway: apply notification.batch-created");
            List<String> receivedIds =
                    received.stream().map(ReceivedSpan::spanId).toList();
            assertThat(received)
                    .filteredOn(span -> !CLIENT_SPAN.equals(span.parentSpanId()))
                    .allSatisfy(span -> assertThat(receivedIds).contains(span.parentSpanId()));
        });
        List<ReceivedSpan> spans = traces.spansOf(trace);
        assertThat(spans)
                .extracting(ReceivedSpan::service)
                .contains("api-gateway", "like-service", "notification-service");
        // the gateway's request continues the client's trace, and every later span has its parent in it
        ReceivedSpan request = spans.stream()
                .filter(span ->
                        span.service().equals("api-gateway") && span.name().startsWith("http put"))
                .findFirst()
                .orElseThrow();
        assertThat(request.parentSpanId()).isEqualTo(CLIENT_SPAN);
        List<String> ids = spans.stream().map(ReceivedSpan::spanId).toList();
        assertThat(spans)
                .filteredOn(span -> span != request)
                .allSatisfy(span -> assertThat(ids).contains(span.parentSpanId()));
        print(spans);
    }

    @Test
    void anErrorAnswerNamesTheTraceOfItsRequest() {
        String trace = newTraceId();

        Response missing = api.send("GET", "/api/posts/" + UUID.randomUUID(), null, null, traceparent(trace));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("requestId").asString()).isEqualTo(trace);
    }

    @Test
    void anErrorAnswerWithoutAClientTraceStillNamesItsOwn() {
        Response missing = api.get("/api/posts/" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("requestId").asString()).matches("[0-9a-f]{32}");
    }

    private static final String CLIENT_SPAN = "00f067aa0ba902b7";

    private static Map<String, String> traceparent(String trace) {
        return Map.of("traceparent", "00-" + trace + "-" + CLIENT_SPAN + "-01");
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The trace as a tracing UI lists it: for docs/operations.md ("Tracing") and the closing note. */
    private static void print(List<ReceivedSpan> spans) {
        long start = spans.stream().mapToLong(ReceivedSpan::startNanos).min().orElse(0);
        StringBuilder text = new StringBuilder("trace of one like:\n");
        spans.stream()
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .forEach(span -> text.append(String.format(
                        "  +%7.1f ms %8.1f ms  %-21s %s%n",
                        (span.startNanos() - start) / 1_000_000.0, span.millis(), span.service(), span.name())));
        System.out.println(text);
    }
}
