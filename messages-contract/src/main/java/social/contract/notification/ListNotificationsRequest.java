package social.contract.notification;

import java.util.UUID;

import social.contract.MessageType;

/**
 * The caller's notifications, newest first.
 *
 * @param callerId   the authenticated user, set by the gateway from the access token
 * @param unreadOnly only those not read yet
 * @param limit      page size, 1 to 100 (clamped)
 * @param cursor     the previous page's {@code nextCursor}, null for the first page
 */
@MessageType("notification.list")
public record ListNotificationsRequest(UUID callerId, boolean unreadOnly, int limit, String cursor) {}
