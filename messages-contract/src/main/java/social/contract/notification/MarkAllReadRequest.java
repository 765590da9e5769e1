package social.contract.notification;

import java.util.UUID;

import social.contract.MessageType;

/** Mark every notification of the caller read. */
@MessageType("notification.mark-all-read")
public record MarkAllReadRequest(UUID callerId) {}
