package social.support.messaging;

import java.util.HashMap;
import java.util.Map;

import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import social.contract.registry.Subscriptions;

/** Builds exchanges and queues the same way everywhere, honouring transient test topologies. */
public final class Topology {
    /** Idle time after which a transient (test) queue is deleted by the broker. */
    private static final int TRANSIENT_QUEUE_EXPIRY_MS = 120_000;

    /** {@code social.messaging.dead-letter-max-length}'s default. */
    public static final int DEFAULT_DEAD_LETTER_MAX_LENGTH = 100_000;

    private final MessagingNames names;
    private final boolean transientTopology;
    private final int deadLetterMaxLength;
    private final Subscriptions subscriptions;

    public Topology(MessagingNames names, boolean transientTopology) {
        this(names, transientTopology, DEFAULT_DEAD_LETTER_MAX_LENGTH);
    }

    /** @param deadLetterMaxLength messages a dead-letter queue keeps at most; beyond, its oldest are dropped */
    public Topology(MessagingNames names, boolean transientTopology, int deadLetterMaxLength) {
        this(names, transientTopology, deadLetterMaxLength, Subscriptions.contract());
    }

    /**
     * @param subscriptions the inventory of durable subscriptions that every event subscription is
     *                      checked against: the contract's, or a test application's own
     */
    public Topology(
            MessagingNames names, boolean transientTopology, int deadLetterMaxLength, Subscriptions subscriptions) {
        this.names = names;
        this.transientTopology = transientTopology;
        this.deadLetterMaxLength = deadLetterMaxLength;
        this.subscriptions = subscriptions;
    }

    public MessagingNames names() {
        return names;
    }

    /** The inventory of durable subscriptions (see {@link Subscriptions}). */
    public Subscriptions subscriptions() {
        return subscriptions;
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

    /**
     * The dead-letter queue of {@code queue}, bounded by {@code x-max-length} (beyond, RabbitMQ drops
     * its oldest messages). RabbitMQ refuses to declare a queue again with other arguments
     * ({@code PRECONDITION_FAILED}): a dead-letter queue declared before it had a bound keeps its
     * old arguments, unbounded, and the refusal is logged and passed over, so that the service still
     * starts and declares the rest (README, "Dead letters", says how to bound it by a policy).
     */
    public Queue deadLetterQueue(String queue) {
        Queue deadLetters = durableQueue(names.deadLetterQueue(queue), Map.of("x-max-length", deadLetterMaxLength));
        deadLetters.setIgnoreDeclarationExceptions(true);
        return deadLetters;
    }

    /** As {@link #queueWithDeadLetters(String)}, with further queue arguments. */
    public Queue queueWithDeadLetters(String name, Map<String, Object> arguments) {
        Map<String, Object> args = new HashMap<>(arguments);
        args.put("x-dead-letter-exchange", names.deadLetterExchange());
        args.put("x-dead-letter-routing-key", name);
        return durableQueue(name, args);
    }
}
