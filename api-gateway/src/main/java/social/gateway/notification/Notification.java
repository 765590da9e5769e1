package social.gateway.notification;

import java.time.Instant;
import java.util.UUID;

import social.contract.notification.NotificationType;
import social.contract.user.UserSummary;

/** The API's Notification shape; {@code postId} is null for FOLLOW. */
record Notification(UUID id, NotificationType type, UserSummary actor, UUID postId, Instant createdAt, boolean read) {}
