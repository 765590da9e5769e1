package social.gateway.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.notification.NotificationBatchCreated;
import social.support.events.InstanceSubscription;
import social.support.messaging.Topology;

/** The events this gateway instance hears for the notification streams open on it. */
@Configuration(proxyBeanMethods = false)
class NotificationMessaging {

    /**
     * At most once: a live push missed is still in the list (and a client that reconnects gets
     * it). Bounded: an instance that falls behind loses the oldest batches, not its memory.
     */
    @Bean
    InstanceSubscription liveNotificationEvents(
            Topology topology, LiveNotifications live, NotificationProperties properties) {
        return InstanceSubscription.forInstance("live-notifications", topology)
                .on(NotificationBatchCreated.class, live::deliver)
                .maxLength(properties.liveQueueMaxLength())
                .build();
    }
}
