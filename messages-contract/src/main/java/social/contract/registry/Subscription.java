package social.contract.registry;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import social.contract.Event;

/**
 * One durable event subscription: a service's queue for one concern ({@code <prefix><service>.<concern>},
 * e.g. {@code user-service.profile-counters}) and the events bound to it.
 *
 * @param service the subscriber's application name, e.g. {@code user-service}
 * @param concern what the subscription is for, e.g. {@code profile-counters}
 * @param events  the event types it takes, each a registered {@link MessageTypes} event
 */
public record Subscription(String service, String concern, Set<Class<? extends Event>> events) {

    public Subscription {
        if (service == null || service.isBlank() || concern == null || concern.isBlank()) {
            throw new IllegalArgumentException("a subscription names its service and its concern");
        }
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException(service + "." + concern + " takes no event");
        }
        events.forEach(MessageTypes::idOf); // each one a registered message type
        events = Set.copyOf(events);
    }

    @SafeVarargs
    public static Subscription of(String service, String concern, Class<? extends Event>... events) {
        return new Subscription(service, concern, Set.copyOf(Arrays.asList(events)));
    }

    /** The queue's name before the deployment prefix: {@code <service>.<concern>}. */
    public String name() {
        return service + "." + concern;
    }

    /** The type ids (routing keys) of the events it takes, sorted. */
    public Set<String> eventTypes() {
        return events.stream().map(MessageTypes::idOf).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether it takes the events of type {@code typeId}. */
    public boolean takes(String typeId) {
        return events.stream().anyMatch(type -> MessageTypes.idOf(type).equals(typeId));
    }
}
