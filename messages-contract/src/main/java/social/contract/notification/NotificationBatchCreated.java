package social.contract.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * Notifications that now exist, for live delivery (the gateways push them to connected
 * recipients). A batch, so that a fan-out to many followers is a handful of messages.
 */
@MessageType("notification.batch-created")
public record NotificationBatchCreated(UUID eventId, Instant occurredAt, int version, List<Created> notifications)
        implements Event {
    public NotificationBatchCreated {
        notifications = List.copyOf(notifications);
    }

    /** One new notification: who gets it and what it says. */
    public record Created(
            UUID recipientId,
            UUID notificationId,
            NotificationType type,
            UUID actorId,
            UUID postId,
            Instant createdAt) {}
}
