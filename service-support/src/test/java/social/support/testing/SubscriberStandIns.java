package social.support.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import social.contract.registry.MessageTypes;
import social.contract.registry.Subscription;
import social.support.messaging.MessagingNames;
import social.support.messaging.Topology;

/**
 * The queues of the other services' subscriptions in the inventory, declared (by the context's
 * {@code RabbitAdmin}) as if those services ran: a service's outbox relay holds an event until
 * the queue of every subscription that takes it exists, so a service tested alone publishes as it
 * does in a deployment where its subscribers run. Nobody consumes them: each keeps its newest
 * {@value #MAX_LENGTH} events, and with the test topology they expire once idle. A bean in every
 * {@link ServiceIntegrationTest}.
 */
public final class SubscriberStandIns extends Declarables {
    static final int MAX_LENGTH = 10_000;

    public SubscriberStandIns(Topology topology) {
        super(standIns(topology));
    }

    private static List<Declarable> standIns(Topology topology) {
        MessagingNames names = topology.names();
        TopicExchange events = topology.eventsExchange();
        List<Declarable> declarables = new ArrayList<>(List.of(events));
        for (Subscription subscription : topology.subscriptions().all()) {
            if (subscription.service().equals(names.serviceName())) {
                continue; // the service under test declares its own
            }
            Queue queue = topology.durableQueue(names.eventQueue(subscription), Map.of("x-max-length", MAX_LENGTH));
            declarables.add(queue);
            subscription
                    .events()
                    .forEach(type -> declarables.add(
                            BindingBuilder.bind(queue).to(events).with(MessageTypes.idOf(type))));
        }
        return declarables;
    }
}
