package social.support.messaging;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import org.springframework.amqp.core.MessageProperties;

import social.contract.registry.MessageTypes;

/**
 * Observations of what crosses the broker: each is a timer (tagged by what it was and its {@link
 * #OUTCOME outcome}) and, where tracing is on, a span whose W3C context travels in the message
 * headers ({@code traceparent}), so that one user action shows as one trace across services.
 * Names, tags and outcomes are listed in docs/operations.md, "Metrics": dashboards and alerts use them.
 */
public final class MessageObservations {
    /** A request/reply call, timed by the caller until its answer, failure or timeout. */
    public static final String RPC_CLIENT = "social.rpc.client";
    /** A request answered by its owner, from taking it off the queue to sending the reply. */
    public static final String RPC_SERVER = "social.rpc.server";
    /** An event taken by a subscription, until applied, skipped as a duplicate, put back or dead-lettered. */
    public static final String EVENTS = "social.events";

    public static final String OUTCOME = "outcome";
    public static final String OK = "ok";

    private final ObservationRegistry registry;

    public MessageObservations(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** Observes nothing: for tests and tools that build the plumbing by hand. */
    public static MessageObservations none() {
        return new MessageObservations(ObservationRegistry.NOOP);
    }

    /**
     * A call of {@code operation} whose request carries {@code request}'s headers; started, so that
     * its trace context is in them.
     */
    public Observation rpcCall(String service, String operation, MessageProperties request) {
        SenderContext<MessageProperties> context =
                new SenderContext<>((carrier, key, value) -> carrier.setHeader(key, value));
        context.setCarrier(request);
        context.setRemoteServiceName(service);
        return Observation.createNotStarted(RPC_CLIENT, () -> context, registry)
                .contextualName("call " + operation)
                .lowCardinalityKeyValue("operation", operation)
                .start();
    }

    /** Answering {@code operation}, continuing the trace of the request's headers; not started yet. */
    public Observation rpcAnswer(String operation, MessageProperties request) {
        return received(RPC_SERVER, "answer " + operation, request).lowCardinalityKeyValue("operation", operation);
    }

    /** {@code subscription} taking an event of {@code type}, continuing the trace of its publisher; not started yet. */
    public Observation eventTaken(String subscription, String type, MessageProperties message) {
        // the sender chose the type: a tag per invented type would grow the meters without a bound
        String known = type != null && MessageTypes.classOf(type).isPresent() ? type : "unknown";
        return received(EVENTS, "apply " + known, message)
                .lowCardinalityKeyValue("subscription", subscription)
                .lowCardinalityKeyValue("type", known);
    }

    private Observation received(String name, String contextualName, MessageProperties message) {
        ReceiverContext<MessageProperties> context = new ReceiverContext<>((carrier, key) -> {
            Object value = carrier.getHeader(key);
            return value == null ? null : value.toString();
        });
        context.setCarrier(message);
        return Observation.createNotStarted(name, () -> context, registry).contextualName(contextualName);
    }

    /** Ends {@code observation} with {@code outcome} as its outcome tag. */
    public static void stop(Observation observation, String outcome) {
        observation.lowCardinalityKeyValue(KeyValue.of(OUTCOME, outcome));
        observation.stop();
    }
}
