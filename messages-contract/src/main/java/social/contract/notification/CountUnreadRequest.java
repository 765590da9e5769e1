package social.contract.notification;

import java.util.UUID;

import social.contract.MessageType;

/** How many of the caller's notifications are unread. */
@MessageType("notification.count-unread")
public record CountUnreadRequest(UUID callerId) {}
