package social.gateway.notification;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import social.contract.notification.NotificationItem;
import social.contract.notification.NotificationType;
import social.contract.user.UserSummary;
import social.gateway.user.UserDirectory;

/** The API's Notification shape; {@code postId} is null for FOLLOW. */
@Schema(name = "Notification", description = "Something that happened to the caller")
record Notification(
        UUID id,
        NotificationType type,
        @Schema(description = "who did it") UserSummary actor,

        @Schema(description = "the post it is about; null for FOLLOW", nullable = true)
        UUID postId,

        Instant createdAt,
        boolean read) {

    /** A listed notification, its actor among {@code actors} (an id only if missing there). */
    static Notification of(NotificationItem item, Map<UUID, UserSummary> actors) {
        return new Notification(
                item.id(),
                item.type(),
                UserDirectory.summaryOf(actors, item.actorId()),
                item.postId(),
                item.createdAt(),
                item.read());
    }
}
