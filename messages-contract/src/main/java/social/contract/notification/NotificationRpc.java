package social.contract.notification;

import java.util.List;

import social.contract.Acknowledged;
import social.contract.rpc.Operation;

/** The operations notification-service answers on {@code notification.rpc}. */
public final class NotificationRpc {
    public static final String SERVICE = "notification";

    public static final Operation<ListNotificationsRequest, NotificationPage> LIST =
            new Operation<>(SERVICE, ListNotificationsRequest.class, NotificationPage.class);
    public static final Operation<CountUnreadRequest, UnreadCount> COUNT_UNREAD =
            new Operation<>(SERVICE, CountUnreadRequest.class, UnreadCount.class);
    public static final Operation<MarkReadRequest, Acknowledged> MARK_READ =
            new Operation<>(SERVICE, MarkReadRequest.class, Acknowledged.class);
    public static final Operation<MarkAllReadRequest, Acknowledged> MARK_ALL_READ =
            new Operation<>(SERVICE, MarkAllReadRequest.class, Acknowledged.class);

    public static final List<Class<?>> MESSAGES = List.of(
            ListNotificationsRequest.class,
            NotificationPage.class,
            CountUnreadRequest.class,
            UnreadCount.class,
            MarkReadRequest.class,
            MarkAllReadRequest.class);

    private NotificationRpc() {}
}
