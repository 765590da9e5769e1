package social.support.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import social.contract.Event;
import social.contract.registry.Subscription;
import social.contract.registry.Subscriptions;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessageObservations;
import social.support.messaging.Senders;
import social.support.messaging.Topology;

/**
 * One concern of a service that follows some events: a durable queue of its own (with a bounded
 * dead-letter queue) bound to the events it handles, each handled once per {@code eventId} in
 * the same transaction as the handler's effect. Every one is listed in the contract's inventory
 * ({@link Subscriptions}), which publishers wait on: a subscription that the inventory does not
 * list as declared fails at startup.
 */
public final class EventSubscription extends Declarables {
    private final String concern;
    private final String queue;
    private final EventHandlers handlers;
    private final boolean inOrder;

    private EventSubscription(
            String concern, String queue, EventHandlers handlers, boolean inOrder, List<Declarable> declarables) {
        super(declarables);
        this.concern = concern;
        this.queue = queue;
        this.handlers = handlers;
        this.inOrder = inOrder;
    }

    /** @param concern what the subscription is for, e.g. {@code follow-graph}; names its queue */
    public static Builder forConcern(String concern, Topology topology) {
        return new Builder(concern, topology);
    }

    public String queue() {
        return queue;
    }

    /**
     * Fails unless {@code declared} are all the subscriptions the inventory lists for this service:
     * a listed subscription that no longer exists would hold its events in the publishers' outboxes
     * for ever.
     *
     * @throws IllegalStateException naming the listed subscriptions not declared
     */
    public static void requireEveryListed(Collection<EventSubscription> declared, Topology topology) {
        String service = topology.names().serviceName();
        Set<String> concerns = declared.stream().map(s -> s.concern).collect(Collectors.toSet());
        List<String> missing = topology.subscriptions().of(service).stream()
                .filter(listed -> !concerns.contains(listed.concern()))
                .map(Subscription::name)
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the inventory of subscriptions (social.contract.registry.Subscriptions)"
                    + " lists " + missing + ", which " + service + " does not declare: publishers would hold"
                    + " their events for ever; remove them from the inventory or declare them");
        }
    }

    /** How many consumers apply this subscription's events: one if it needs them in publication order. */
    public int concurrency(int configured) {
        return inOrder ? 1 : configured;
    }

    /**
     * How many unacknowledged events a consumer holds: one if it needs them in publication order,
     * since an event put back after failing for a while returns to the head of the queue, but
     * events already handed to the consumer would be applied before it.
     */
    public int prefetch(int configured) {
        return inOrder ? 1 : configured;
    }

    /**
     * The listener that applies this subscription's events once each: unordered, it dead-letters
     * poison; in order, it retries an event that keeps failing until it succeeds (see {@link EventConsumers}).
     */
    public MessageListener listener(
            ContractMessageConverter converter, Inbox inbox, EventConsumption consumption, Senders senders) {
        return new EventListener(this, converter, inbox, consumption, senders, MessageObservations.none());
    }

    Consumer<Event> handler(Class<?> type) {
        return handlers.of(type);
    }

    boolean inOrder() {
        return inOrder;
    }

    public static final class Builder {
        private final String concern;
        private final Topology topology;
        private final EventHandlers handlers = new EventHandlers();
        private boolean inOrder;

        private Builder(String concern, Topology topology) {
            this.concern = concern;
            this.topology = topology;
        }

        public <E extends Event> Builder on(Class<E> type, Consumer<E> handler) {
            handlers.add(type, handler);
            return this;
        }

        /**
         * Apply the events one at a time in the order they were published, for effects that do not
         * commute (a follow and its unfollow, a counter that stops at zero): one consumer per
         * instance, and one active consumer across instances (RabbitMQ's single active consumer).
         */
        public Builder inOrder() {
            this.inOrder = true;
            return this;
        }

        /**
         * @throws IllegalStateException if the inventory ({@link Topology#subscriptions()}) does not list
         *     this service's subscription for this concern taking exactly these events
         */
        public EventSubscription build() {
            topology.subscriptions()
                    .mismatch(topology.names().serviceName(), concern, handlers.types())
                    .ifPresent(problem -> {
                        throw new IllegalStateException(problem);
                    });
            String name = topology.names().eventQueue(concern);
            TopicExchange events = topology.eventsExchange();
            Queue queue = inOrder
                    ? topology.queueWithDeadLetters(name, Map.of("x-single-active-consumer", true))
                    : topology.queueWithDeadLetters(name);
            Queue deadLetters = topology.deadLetterQueue(name);
            List<Declarable> declarables = new ArrayList<>(List.of(
                    events,
                    queue,
                    deadLetters,
                    topology.deadLetterExchange(),
                    BindingBuilder.bind(deadLetters)
                            .to(topology.deadLetterExchange())
                            .with(name)));
            declarables.addAll(handlers.bindings(queue, events));
            return new EventSubscription(concern, name, handlers.frozen(), inOrder, declarables);
        }
    }
}
