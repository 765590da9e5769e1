package social.gateway.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;

import social.contract.registry.MessageTypes;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingProperties;
import social.support.messaging.Topology;

/**
 * Events that every gateway instance hears for itself, for what it keeps per instance (the
 * streams open on it, its copy of user summaries): a queue of its own, exclusive and deleted
 * with the instance, unlike the services' shared durable queues. At most once: nothing is
 * retried, requeued or dead-lettered, so what an instance misses must be harmless or repaired
 * some other way.
 */
public final class InstanceQueue {

    private InstanceQueue() {
    }

    /**
     * This instance's queue for {@code concern}, bound to the events of {@code types}: a bean, so
     * that RabbitAdmin declares it again on a new connection (the old one took the queue with it).
     */
    public static Declarables declare(Topology topology, String concern, List<Class<?>> types) {
        Queue queue = new Queue(topology.names().eventQueue(concern + "." + UUID.randomUUID()), false, true, true);
        List<Declarable> declarables = new ArrayList<>(List.of(topology.eventsExchange(), queue));
        types.forEach(type -> declarables.add(BindingBuilder.bind(queue).to(topology.eventsExchange())
                .with(MessageTypes.idOf(type))));
        return new Declarables(declarables);
    }

    /** One consumer of the queue {@code declared}, handing over its events of {@code type} in the order they came. */
    public static <E> SimpleMessageListenerContainer listen(ConnectionFactory connectionFactory, Declarables declared,
                                                            ContractMessageConverter converter,
                                                            MessagingProperties properties, Class<E> type,
                                                            Consumer<E> handler) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueues(declared.getDeclarablesByType(Queue.class).get(0));
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(properties.prefetch());
        container.setMissingQueuesFatal(false);
        container.setMessageListener((MessageListener) message -> {
            Object event = converter.fromMessage(message);
            if (type.isInstance(event)) {
                handler.accept(type.cast(event));
            }
        });
        return container;
    }
}
