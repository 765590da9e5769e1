package social.contract.notification;

import java.util.List;

/** Events of notification-service. */
public final class NotificationEvents {
    public static final List<Class<?>> MESSAGES = List.of(NotificationBatchCreated.class, NotificationsErased.class);

    private NotificationEvents() {}
}
