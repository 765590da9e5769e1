package social.gateway.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.notification.NotificationBatchCreated;
import social.contract.user.UserSummary;
import social.gateway.messaging.InstanceQueue;
import social.gateway.user.UserDirectory;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingProperties;
import social.support.messaging.Topology;

/**
 * Live delivery across gateway instances: each instance consumes {@code notification.batch-created}
 * from a queue of its own (exclusive, auto-deleted when the instance goes) and pushes to the
 * streams that it holds; a message for nobody connected here costs no further question.
 */
@Configuration(proxyBeanMethods = false)
class LiveNotifications {
    private static final Logger log = LoggerFactory.getLogger(LiveNotifications.class);

    @Bean
    Declarables liveNotificationQueue(Topology topology) {
        return InstanceQueue.declare(topology, "live-notifications", List.of(NotificationBatchCreated.class));
    }

    /** At most once: a live push missed is still in the list, a push repeated would show twice. */
    @Bean
    SimpleMessageListenerContainer liveNotificationListener(ConnectionFactory connectionFactory,
                                                            Declarables liveNotificationQueue,
                                                            ContractMessageConverter converter, UserDirectory users,
                                                            NotificationStreams streams, MessagingProperties properties) {
        long waitMillis = properties.rpcTimeout().toMillis() + 1_000;
        return InstanceQueue.listen(connectionFactory, liveNotificationQueue, converter, properties,
                NotificationBatchCreated.class, created -> deliver(created, users, streams, waitMillis));
    }

    private static void deliver(NotificationBatchCreated created, UserDirectory users, NotificationStreams streams,
                                long waitMillis) {
        List<NotificationBatchCreated.Created> here = created.notifications().stream()
                .filter(item -> streams.isConnected(item.recipientId())).toList();
        if (here.isEmpty()) {
            return;
        }
        Map<UUID, UserSummary> known;
        try {
            known = users.summaries(here.stream().map(NotificationBatchCreated.Created::actorId).toList())
                    .get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("pushing notifications without actor names: {}", e.toString());
            known = Map.of();
        }
        for (NotificationBatchCreated.Created item : here) {
            streams.push(item.recipientId(), new Notification(item.notificationId(), item.type(),
                    UserDirectory.summaryOf(known, item.actorId()), item.postId(), item.createdAt(), false));
        }
    }
}
