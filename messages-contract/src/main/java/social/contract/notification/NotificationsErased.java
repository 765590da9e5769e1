package social.contract.notification;

import java.time.Instant;
import java.util.UUID;

import social.contract.Erasure;
import social.contract.MessageType;

/** notification-service removed the notifications a deleted account received or caused, and its copy of the account's follows. */
@MessageType("notifications.erased")
public record NotificationsErased(UUID eventId, Instant occurredAt, int version, UUID userId) implements Erasure {}
