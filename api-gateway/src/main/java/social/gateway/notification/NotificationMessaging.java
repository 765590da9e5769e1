package social.gateway.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.notification.NotificationBatchCreated;
import social.support.events.InstanceSubscription;
import social.support.messaging.Topology;

/** The events this gateway instance hears for the notification streams open on it. */
@Configuration(proxyBeanMethods = false)
class NotificationMessaging {

    /** At most once: a live push missed is still in the list, a push repeated would show twice. */
    @Bean
    InstanceSubscription liveNotificationEvents(Topology topology, LiveNotifications live) {
        return InstanceSubscription.forInstance("live-notifications", topology)
                .on(NotificationBatchCreated.class, live::deliver)
                .build();
    }
}
