package social.support.outbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a trace through the outbox: the W3C {@code traceparent} of the transaction that wrote an
 * event is stored with it, and when the relay publishes the event it continues that trace with a span
 * from the write to the hand-over to the broker (the time the event spent in the outbox), whose
 * context the message carries on to the consumers.
 */
public final class OutboxTracing {
    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public OutboxTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Carries no trace: for tools and tests that build the plumbing by hand. */
    public static OutboxTracing none() {
        return new OutboxTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** The {@code traceparent} of the span current on this thread, if any: stored with an event written now. */
    String current() {
        TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(context, carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * The {@code traceparent} a published event carries: of a span, child of the one that wrote it,
     * from {@code writtenAt} until now; none if the event was written outside a trace.
     */
    String published(String writtenIn, String type, Instant writtenAt) {
        if (writtenIn == null) {
            return null;
        }
        Span span = propagator
                .extract(Map.of(TRACEPARENT, writtenIn), Map::get)
                .name("outbox " + type)
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.destination.name", type)
                .startTimestamp(writtenAt.toEpochMilli(), TimeUnit.MILLISECONDS)
                .start();
        try {
            Map<String, String> carrier = new HashMap<>();
            propagator.inject(span.context(), carrier, Map::put);
            return carrier.getOrDefault(TRACEPARENT, writtenIn);
        } finally {
            span.end();
        }
    }
}
