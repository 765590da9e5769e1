package social.support.messaging;

import social.contract.Names;
import social.contract.registry.Subscription;

/** Every exchange and queue name, derived from the one configured prefix. */
public final class MessagingNames {
    private final String prefix;
    private final String serviceName;

    public MessagingNames(String prefix, String serviceName) {
        this.prefix = prefix == null ? "" : prefix;
        this.serviceName = serviceName;
    }

    public String eventsExchange() {
        return prefix + Names.EVENTS_EXCHANGE;
    }

    public String deadLetterExchange() {
        return prefix + Names.DEAD_LETTER_EXCHANGE;
    }

    public String rpcExchange(String service) {
        return prefix + Names.rpcExchange(service);
    }

    /** The queue a service answers its requests from: one per owning service. */
    public String rpcQueue(String service) {
        return prefix + Names.rpcExchange(service) + ".requests";
    }

    /** A durable event queue of this service for one concern, e.g. {@code post-service.follow-graph}. */
    public String eventQueue(String concern) {
        return prefix + serviceName + "." + concern;
    }

    /** The queue of a listed subscription of any service, e.g. {@code user-service.profile-counters}. */
    public String eventQueue(Subscription subscription) {
        return prefix + subscription.name();
    }

    public String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    public String serviceName() {
        return serviceName;
    }
}
