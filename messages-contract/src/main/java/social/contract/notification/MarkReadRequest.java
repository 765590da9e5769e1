package social.contract.notification;

import java.util.UUID;

import social.contract.MessageType;

/** Mark one of the caller's notifications read; NOT_FOUND for a missing or someone else's one. */
@MessageType("notification.mark-read")
public record MarkReadRequest(UUID callerId, UUID notificationId) {}
