package social.gateway.notification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import social.contract.notification.NotificationBatchCreated;
import social.contract.user.UserSummary;
import social.gateway.user.UserDirectory;
import social.support.messaging.MessagingProperties;

/**
 * Live delivery across gateway instances: each instance consumes {@code notification.batch-created}
 * from a queue of its own (exclusive, auto-deleted when the instance goes, see
 * {@link NotificationMessaging}) and pushes to the streams that it holds; a message for nobody
 * connected here costs no further question.
 */
@Component
class LiveNotifications {
    private static final Logger log = LoggerFactory.getLogger(LiveNotifications.class);

    private final UserDirectory users;
    private final NotificationStreams streams;
    private final long waitMillis;

    LiveNotifications(UserDirectory users, NotificationStreams streams, MessagingProperties properties) {
        this.users = users;
        this.streams = streams;
        this.waitMillis = properties.rpcTimeout().toMillis() + 1_000;
    }

    void deliver(NotificationBatchCreated created) {
        List<NotificationBatchCreated.Created> here = created.notifications().stream()
                .filter(item -> streams.isConnected(item.recipientId()))
                .toList();
        if (here.isEmpty()) {
            return;
        }
        Map<UUID, UserSummary> known;
        try {
            known = users.summaries(here.stream()
                            .map(NotificationBatchCreated.Created::actorId)
                            .toList())
                    .get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            log.warn("pushing notifications without actor names: {}", e.toString());
            known = Map.of();
        }
        for (NotificationBatchCreated.Created item : here) {
            streams.push(
                    item.recipientId(),
                    new Notification(
                            item.notificationId(),
                            item.type(),
                            UserDirectory.summaryOf(known, item.actorId()),
                            item.postId(),
                            item.createdAt(),
                            false));
        }
    }
}
