package social.gateway.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.MessageTypes;
import social.contract.notification.NotificationsCreated;
import social.contract.user.UserSummary;
import social.gateway.user.UserDirectory;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingProperties;
import social.support.messaging.Topology;

/**
 * Live delivery across gateway instances: each instance consumes {@code notification.created}
 * from a queue of its own (exclusive, auto-deleted when the instance goes) and pushes to the
 * streams that it holds; a message for nobody connected here costs no further question.
 */
@Configuration(proxyBeanMethods = false)
class LiveNotifications {
    private static final Logger log = LoggerFactory.getLogger(LiveNotifications.class);

    /** This instance's queue: one per gateway process, named from the messaging prefix. */
    @Bean
    Queue liveNotificationQueue(Topology topology) {
        String name = topology.names().eventQueue("live-notifications." + UUID.randomUUID());
        return new Queue(name, false, true, true);
    }

    @Bean
    Declarables liveNotificationBinding(Topology topology, Queue liveNotificationQueue) {
        return new Declarables(topology.eventsExchange(), BindingBuilder.bind(liveNotificationQueue)
                .to(topology.eventsExchange()).with(MessageTypes.idOf(NotificationsCreated.class)));
    }

    @Bean
    SimpleMessageListenerContainer liveNotificationListener(ConnectionFactory connectionFactory, Queue liveNotificationQueue,
                                                            ContractMessageConverter converter, UserDirectory users,
                                                            NotificationStreams streams, MessagingProperties properties) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueues(liveNotificationQueue);
        // at most once: a live push missed is still in the list, a push repeated would show twice
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(properties.prefetch());
        container.setMissingQueuesFatal(false);
        long waitMillis = properties.rpcTimeout().toMillis() + 1_000;
        container.setMessageListener((MessageListener) message -> deliver(message, converter, users, streams, waitMillis));
        return container;
    }

    private static void deliver(Message message, ContractMessageConverter converter, UserDirectory users,
                                NotificationStreams streams, long waitMillis) {
        if (!(converter.fromMessage(message) instanceof NotificationsCreated created)) {
            return;
        }
        List<NotificationsCreated.Created> here = created.notifications().stream()
                .filter(item -> streams.isConnected(item.recipientId())).toList();
        if (here.isEmpty()) {
            return;
        }
        Map<UUID, UserSummary> known;
        try {
            known = users.summaries(here.stream().map(NotificationsCreated.Created::actorId).toList())
                    .get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("pushing notifications without actor names: {}", e.toString());
            known = Map.of();
        }
        for (NotificationsCreated.Created item : here) {
            streams.push(item.recipientId(), new Notification(item.notificationId(), item.type(),
                    UserDirectory.summaryOf(known, item.actorId()), item.postId(), item.createdAt(), false));
        }
    }
}
