package social.gateway.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP endpoint ({@code POST /v1/traces}, protobuf) in the test JVM, which the stack's
 * services export their spans to, as they would to a collector: it keeps the spans of the traces a
 * test {@link #watch watches} (and forgets the rest, so that the suite's other traffic costs no memory).
 */
final class TraceCollector implements AutoCloseable {
    private static final HexFormat HEX = HexFormat.of();

    /** A span as the collector received it, with the service that exported it. */
    record ReceivedSpan(
            String service,
            String name,
            String traceId,
            String spanId,
            String parentSpanId,
            long startNanos,
            long endNanos) {
        double millis() {
            return (endNanos - startNanos) / 1_000_000.0;
        }
    }

    private final HttpServer server;
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Map<String, List<ReceivedSpan>> spans = new ConcurrentHashMap<>();

    private TraceCollector(HttpServer server) {
        this.server = server;
    }

    static TraceCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            TraceCollector collector = new TraceCollector(server);
            server.createContext("/v1/traces", collector::receive);
            server.setExecutor(Executors.newFixedThreadPool(2, task -> {
                Thread thread = new Thread(task, "otlp-receiver");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a service's {@code OTLP_TRACING_ENDPOINT} is set to. */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    /** Keeps the spans of this trace (hex id) from now on. */
    void watch(String traceId) {
        watched.add(traceId);
    }

    /** The spans of a watched trace received so far. */
    List<ReceivedSpan> spansOf(String traceId) {
        return List.copyOf(spans.getOrDefault(traceId, List.of()));
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service = resource.getResource().getAttributesList().stream()
                        .filter(attribute -> attribute.getKey().equals("service.name"))
                        .map(KeyValue::getValue)
                        .map(value -> value.getStringValue())
                        .findFirst()
                        .orElse("?");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> {
                        String traceId = HEX.formatHex(span.getTraceId().toByteArray());
                        if (watched.contains(traceId)) {
                            spans.computeIfAbsent(traceId, id -> new CopyOnWriteArrayList<>())
                                    .add(new ReceivedSpan(
                                            service,
                                            span.getName(),
                                            traceId,
                                            HEX.formatHex(span.getSpanId().toByteArray()),
                                            HEX.formatHex(span.getParentSpanId().toByteArray()),
                                            span.getStartTimeUnixNano(),
                                            span.getEndTimeUnixNano()));
                        }
                    });
                }
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
