package social.contract.notification;

import java.time.Instant;
import java.util.UUID;

/** One notification of the recipient asking; {@code postId} is null for {@link NotificationType#FOLLOW}. */
public record NotificationItem(
        UUID id, NotificationType type, UUID actorId, UUID postId, Instant createdAt, boolean read) {}
