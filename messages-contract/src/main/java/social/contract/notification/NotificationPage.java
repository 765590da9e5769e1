package social.contract.notification;

import java.util.List;

import social.contract.MessageType;

/** A page of notifications, newest first; {@code nextCursor} null on the last page. */
@MessageType("notification.page")
public record NotificationPage(List<NotificationItem> items, String nextCursor) {
    public NotificationPage {
        items = List.copyOf(items);
    }
}
