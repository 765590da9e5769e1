package social.support.events;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import social.support.messaging.ContractMessageConverter;
import social.support.messaging.ListenerContainers;
import social.support.messaging.MessageObservations;
import social.support.messaging.Senders;

/**
 * The listeners of a service's {@link EventSubscription}s, one per subscription queue, and what
 * they report: the in-order subscriptions stuck at an event that keeps failing ({@link #stuck()},
 * the gauge {@code social.events.stuck}: seconds since the head event began failing, 0 while the
 * subscription moves).
 */
public final class EventConsumers implements MeterBinder {
    public static final String STUCK_GAUGE = "social.events.stuck";

    private final Map<String, EventSubscription> subscriptions = new LinkedHashMap<>();
    private final Map<String, EventListener> listeners = new LinkedHashMap<>();

    public EventConsumers(
            List<EventSubscription> subscriptions,
            ContractMessageConverter converter,
            Inbox inbox,
            EventConsumption consumption,
            Senders senders,
            MessageObservations observations) {
        for (EventSubscription subscription : subscriptions) {
            this.subscriptions.put(subscription.queue(), subscription);
            this.listeners.put(
                    subscription.queue(),
                    new EventListener(subscription, converter, inbox, consumption, senders, observations));
        }
    }

    /**
     * One container per subscription: {@code concurrency} consumers holding {@code prefetch} events
     * each, or one holding one for a subscription in order.
     */
    public void addTo(ListenerContainers containers, int concurrency, int prefetch) {
        subscriptions.forEach((queue, subscription) -> containers.add(
                queue, listeners.get(queue), subscription.concurrency(concurrency), subscription.prefetch(prefetch)));
    }

    /** The queues of the subscriptions, in their declaration order. */
    public Collection<String> queues() {
        return List.copyOf(listeners.keySet());
    }

    /** The event each stuck in-order subscription (by queue) keeps failing at; none while all move. */
    public Map<String, StuckEvent> stuck() {
        Map<String, StuckEvent> stuck = new LinkedHashMap<>();
        listeners.forEach((queue, listener) -> listener.stuck().ifPresent(event -> stuck.put(queue, event)));
        return stuck;
    }

    Optional<EventListener> listener(String queue) {
        return Optional.ofNullable(listeners.get(queue));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        listeners.forEach((queue, listener) -> {
            if (listener.inOrder()) {
                Gauge.builder(STUCK_GAUGE, listener, EventConsumers::secondsStuck)
                        .tag("queue", queue)
                        .baseUnit("seconds")
                        .description("how long this in-order subscription has been failing at the event at its head"
                                + " (it applies nothing after it meanwhile); 0 while it moves")
                        .register(registry);
            }
        });
    }

    private static double secondsStuck(EventListener listener) {
        return listener.stuck()
                .map(event -> event.stuckFor(Instant.now()).toMillis() / 1000.0)
                .orElse(0.0);
    }
}
