package social.support.messaging;

import java.util.HashMap;
import java.util.Map;

import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

/** Builds exchanges and queues the same way everywhere, honouring transient test topologies. */
public final class Topology {
    /** Idle time after which a transient (test) queue is deleted by the broker. */
    private static final int TRANSIENT_QUEUE_EXPIRY_MS = 120_000;

    private final MessagingNames names;
    private final boolean transientTopology;

    public Topology(MessagingNames names, boolean transientTopology) {
        this.names = names;
        this.transientTopology = transientTopology;
    }

    public MessagingNames names() {
        return names;
    }

    public TopicExchange eventsExchange() {
        return new TopicExchange(names.eventsExchange(), true, transientTopology);
    }

    public DirectExchange deadLetterExchange() {
        return new DirectExchange(names.deadLetterExchange(), true, transientTopology);
    }

    public DirectExchange rpcExchange(String service) {
        return new DirectExchange(names.rpcExchange(service), true, transientTopology);
    }

    public Queue durableQueue(String name, Map<String, Object> arguments) {
        Map<String, Object> args = new HashMap<>(arguments);
        if (transientTopology) {
            args.put("x-expires", TRANSIENT_QUEUE_EXPIRY_MS);
        }
        return new Queue(name, true, false, false, args);
    }

    /** A durable queue whose rejected messages go to its own dead-letter queue. */
    public Queue queueWithDeadLetters(String name) {
        return queueWithDeadLetters(name, Map.of());
    }

    /** As {@link #queueWithDeadLetters(String)}, with further queue arguments. */
    public Queue queueWithDeadLetters(String name, Map<String, Object> arguments) {
        Map<String, Object> args = new HashMap<>(arguments);
        args.put("x-dead-letter-exchange", names.deadLetterExchange());
        args.put("x-dead-letter-routing-key", name);
        return durableQueue(name, args);
    }
}
