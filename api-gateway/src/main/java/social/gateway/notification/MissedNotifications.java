package social.gateway.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;

import social.contract.notification.ListNotificationsRequest;
import social.contract.notification.NotificationItem;
import social.contract.notification.NotificationRpc;
import social.contract.user.UserSummary;
import social.gateway.user.UserDirectory;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

/**
 * What a client missed while its stream was not open: its notifications newer than the last one it
 * saw (the {@code Last-Event-ID} of its reconnect), from notification-service's list, newest
 * first, whose ids are time-ordered. At most {@code resumeLimit} (the newest of them, one page):
 * a client that was away longer reads the rest from the list.
 */
@Component
class MissedNotifications {
    private final RpcClient rpc;
    private final UserDirectory users;
    private final int limit;

    MissedNotifications(RpcClient rpc, UserDirectory users, NotificationProperties properties) {
        this.rpc = rpc;
        this.users = users;
        this.limit = Math.max(1, Math.min(PageSize.MAX, properties.resumeLimit()));
    }

    /** The user's notifications after {@code lastSeen}, oldest first. */
    CompletableFuture<List<Notification>> after(UUID userId, UUID lastSeen) {
        return rpc.call(NotificationRpc.LIST, new ListNotificationsRequest(userId, false, limit, null))
                .thenCompose(page -> {
                    List<NotificationItem> newer = page.items().stream()
                            .filter(item -> isNewer(item.id(), lastSeen))
                            .toList();
                    // as live pushes: without actor names rather than not at all
                    return users.summaries(newer.stream()
                                    .map(NotificationItem::actorId)
                                    .toList())
                            .exceptionally(failure -> Map.of())
                            .thenApply(actors -> oldestFirst(newer, actors));
                });
    }

    private static List<Notification> oldestFirst(List<NotificationItem> newestFirst, Map<UUID, UserSummary> actors) {
        List<Notification> notifications = new ArrayList<>(newestFirst.size());
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            notifications.add(Notification.of(newestFirst.get(i), actors));
        }
        return notifications;
    }

    /** Time-ordered ids (UUIDv7) sort as unsigned numbers, as Postgres sorts them. */
    static boolean isNewer(UUID id, UUID than) {
        int most = Long.compareUnsigned(id.getMostSignificantBits(), than.getMostSignificantBits());
        if (most != 0) {
            return most > 0;
        }
        return Long.compareUnsigned(id.getLeastSignificantBits(), than.getLeastSignificantBits()) > 0;
    }
}
