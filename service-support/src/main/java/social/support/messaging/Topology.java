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

    /**
     * The delivery limit of a quorum queue: none in effect. RabbitMQ 4 sets 20 on a quorum queue that
     * names none, after which a message put back (an event retried during an outage) is dropped or
     * dead-lettered; 4.x reads -1 as no limit, but 3.x compares the count with -1 as it is and would
     * dead-letter every message put back. The highest value means no limit on both.
     */
    static final int UNLIMITED_DELIVERIES = Integer.MAX_VALUE;

    private final MessagingNames names;
    private final boolean transientTopology;
    private final int deadLetterMaxLength;
    private final Subscriptions subscriptions;
    private final QueueType queueType;

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
        this(names, transientTopology, deadLetterMaxLength, subscriptions, QueueType.CLASSIC);
    }

    /** @param queueType the type of the queues the instances of a service share (see {@link QueueType}) */
    public Topology(
            MessagingNames names,
            boolean transientTopology,
            int deadLetterMaxLength,
            Subscriptions subscriptions,
            QueueType queueType) {
        this.names = names;
        this.transientTopology = transientTopology;
        this.deadLetterMaxLength = deadLetterMaxLength;
        this.subscriptions = subscriptions;
        this.queueType = queueType;
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

    /** The type of the queues the instances of a service share. */
    public QueueType queueType() {
        return queueType;
    }

    /**
     * A queue the instances of a service share, of the configured {@link QueueType}. Classic queues
     * get no type argument, so that those declared by earlier versions stay equivalent.
     */
    public Queue durableQueue(String name, Map<String, Object> arguments) {
        Map<String, Object> args = new HashMap<>(arguments);
        if (transientTopology) {
            args.put("x-expires", TRANSIENT_QUEUE_EXPIRY_MS);
        }
        if (queueType == QueueType.QUORUM) {
            args.put("x-queue-type", queueType.argument());
            args.put("x-delivery-limit", UNLIMITED_DELIVERIES);
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
     * starts and declares the rest (docs/messaging.md, "Dead letters", says how to bound it by a policy).
     */
    public Queue deadLetterQueue(String queue) {
        Queue deadLetters = durableQueue(names.deadLetterQueue(queue), Map.of("x-max-length", deadLetterMaxLength));
        deadLetters.setIgnoreDeclarationExceptions(true);
        return deadLetters;
    }

    /**
     * As {@link #queueWithDeadLetters(String)}, with further queue arguments. A quorum queue
     * dead-letters at least once (at most once by default: a message rejected while its dead-letter
     * queue cannot take it would be lost), which needs the reject-publish overflow mode; these
     * queues have no length limit, so it refuses nothing.
     */
    public Queue queueWithDeadLetters(String name, Map<String, Object> arguments) {
        Map<String, Object> args = new HashMap<>(arguments);
        args.put("x-dead-letter-exchange", names.deadLetterExchange());
        args.put("x-dead-letter-routing-key", name);
        if (queueType == QueueType.QUORUM) {
            args.put("x-dead-letter-strategy", "at-least-once");
            args.put("x-overflow", "reject-publish");
        }
        return durableQueue(name, args);
    }
}
