package social.support.events;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import social.contract.Event;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessageObservations;
import social.support.messaging.Senders;
import social.support.messaging.Topology;

/**
 * Events that every instance of a service hears for itself, for what it keeps per instance (the
 * gateway's open notification streams, its copy of user summaries): unlike an
 * {@link EventSubscription}, whose durable queue the instances of a service share, each instance
 * has a queue of its own, exclusive to its connection and deleted with it. Needs no database.
 * <p>
 * At most once: a handler that fails loses its event, nothing is retried, requeued or
 * dead-lettered, so what an instance misses must be harmless or repaired some other way, e.g. by
 * {@link Builder#whenResubscribed}. Unbounded unless {@link Builder#maxLength} bounds it, for
 * events that may be lost: then the broker drops the oldest beyond that length. Declared as a bean, the queue is declared again (by
 * RabbitAdmin) on every new connection, since a lost connection took the old one along.
 */
public final class InstanceSubscription extends Declarables {
    private static final Logger log = LoggerFactory.getLogger(InstanceSubscription.class);

    private final String concern;
    private final String queue;
    private final EventHandlers handlers;
    private final Runnable resubscribed;
    private final Runnable lost;

    private InstanceSubscription(
            String concern,
            String queue,
            EventHandlers handlers,
            Runnable resubscribed,
            Runnable lost,
            List<Declarable> declarables) {
        super(declarables);
        this.lost = lost;
        this.concern = concern;
        this.queue = queue;
        this.handlers = handlers;
        this.resubscribed = resubscribed;
    }

    /**
     * @param concern what the subscription is for, e.g. {@code user-changes}; names its queue,
     *                together with a random id of this instance
     */
    public static Builder forInstance(String concern, Topology topology) {
        return new Builder(concern, topology);
    }

    public String queue() {
        return queue;
    }

    /**
     * The listener that hands each event to its handler; a type without one is ignored, and so is an
     * event that its owner did not publish (logged: this queue has no dead-letter queue).
     */
    public MessageListener listener(
            ContractMessageConverter converter, Senders senders, MessageObservations observations) {
        return message -> {
            String type = message.getMessageProperties().getType();
            // tagged by concern: the queue's name is new with every instance
            Observation observation = observations
                    .eventTaken(concern, type, message.getMessageProperties())
                    .start();
            String outcome = "dropped";
            try (Observation.Scope scope = observation.openScope()) {
                if (handle(message, converter, senders)) {
                    outcome = "applied";
                }
            } finally {
                MessageObservations.stop(observation, outcome);
            }
        };
    }

    /** @return whether a handler took the event */
    private boolean handle(Message message, ContractMessageConverter converter, Senders senders) {
        String sender = message.getMessageProperties().getReceivedUserId();
        var refused =
                senders.refusesEvent(sender, message.getMessageProperties().getType());
        if (refused.isPresent()) {
            log.error("{} drops an event from {}: {}", queue, sender, refused.get());
            return false;
        }
        Object event = converter.fromMessage(message);
        Consumer<Event> handler = handlers.of(event.getClass());
        if (handler == null) {
            return false;
        }
        handler.accept((Event) event);
        return true;
    }

    /** Runs the hook of {@link Builder#whenResubscribed}: the queue was lost, and events with it. */
    public void resubscribed() {
        resubscribed.run();
    }

    /** Runs the hook of {@link Builder#whenLost}: the queue is gone, events are being missed. */
    public void lost() {
        lost.run();
    }

    public static final class Builder {
        private final String concern;
        private final Topology topology;
        private final EventHandlers handlers = new EventHandlers();
        private Runnable resubscribed = () -> {};
        private Runnable lost = () -> {};
        private int maxLength;

        private Builder(String concern, Topology topology) {
            this.concern = concern;
            this.topology = topology;
        }

        public <E extends Event> Builder on(Class<E> type, Consumer<E> handler) {
            handlers.add(type, handler);
            return this;
        }

        /**
         * {@code hook} runs each time this instance subscribes again, after its queue went with a
         * lost connection (or the subscription was stopped and started): events published while it
         * had no queue were missed, so whatever they would have corrected must be recovered.
         * It runs once the new queue is consumed from, so no event falls between the two.
         */
        public Builder whenResubscribed(Runnable hook) {
            this.resubscribed = hook;
            return this;
        }

        /**
         * {@code hook} runs as soon as this instance finds its subscription gone (its queue deleted,
         * its connection lost), before it subscribes again: from then until the hook of
         * {@link #whenResubscribed} runs, events are missed, so what they would tell must not be
         * trusted to be complete.
         */
        public Builder whenLost(Runnable hook) {
            this.lost = hook;
            return this;
        }

        /**
         * Bounds the queue to {@code messages} waiting events ({@code x-max-length}): beyond, the
         * broker drops the oldest ({@code x-overflow: drop-head}), so that an instance that falls
         * behind costs the broker a bounded amount of memory. Only for events that may be lost.
         */
        public Builder maxLength(int messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("a queue's max length is at least 1, not " + messages);
            }
            this.maxLength = messages;
            return this;
        }

        public InstanceSubscription build() {
            String name = topology.names().eventQueue(concern + "." + UUID.randomUUID());
            TopicExchange events = topology.eventsExchange();
            Map<String, Object> arguments = new HashMap<>();
            if (maxLength > 0) {
                arguments.put("x-max-length", maxLength);
                arguments.put("x-overflow", "drop-head");
            }
            Queue queue = new Queue(name, false, true, true, arguments);
            List<Declarable> declarables = new ArrayList<>(List.of(events, queue));
            declarables.addAll(handlers.bindings(queue, events));
            return new InstanceSubscription(concern, name, handlers.frozen(), resubscribed, lost, declarables);
        }
    }
}
