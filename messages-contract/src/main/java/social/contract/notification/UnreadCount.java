package social.contract.notification;

import social.contract.MessageType;

@MessageType("notification.unread-count")
public record UnreadCount(long count) {}
