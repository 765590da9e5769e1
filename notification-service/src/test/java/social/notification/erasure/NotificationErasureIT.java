package social.notification.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.Event;
import social.contract.auth.UserDeleted;
import social.contract.follow.UserFollowed;
import social.contract.like.LikeAdded;
import social.contract.notification.NotificationEvents;
import social.contract.notification.NotificationsErased;
import social.contract.post.PostCreated;
import social.support.id.Ids;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.ServiceIntegrationTest;

/**
 * {@code user.deleted} in notification-service: the notifications the account received and those it
 * caused go, and its rows in the copy of the follow graph, once; events about it that arrive later
 * create nothing for it, neither as actor nor as recipient.
 */
@ServiceIntegrationTest
class NotificationErasureIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(NotificationEvents.MESSAGES);

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDeletedAccountsNotificationsGoBothWaysOnceAndLateEventsCreateNoneForIt() {
        UUID leaver = Ids.newId();
        UUID friend = Ids.newId();
        UUID other = Ids.newId();
        UUID friendsPost = Ids.newId();
        List<Event> before = List.of(
                new UserFollowed(Ids.newId(), Instant.now(), 1, friend, leaver, true, 1L),
                new UserFollowed(Ids.newId(), Instant.now(), 1, leaver, friend, true, 1L),
                new LikeAdded(Ids.newId(), Instant.now(), 1, friendsPost, friend, leaver),
                new LikeAdded(Ids.newId(), Instant.now(), 1, friendsPost, friend, other));
        before.forEach(replay::deliver);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> notificationsNaming(leaver) == 3 && followRowsNaming(leaver) == 2);

        UserDeleted deleted = new UserDeleted(Ids.newId(), Instant.now(), 1, leaver, "leaver", Instant.now());
        replay.deliver(deleted);
        replay.deliver(deleted);

        events.next(NotificationsErased.class, e -> e.userId().equals(leaver));
        assertThat(notificationsNaming(leaver)).isZero();
        assertThat(followRowsNaming(leaver)).isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM notification WHERE recipient_id = ? AND actor_id = ?",
                        Long.class,
                        friend,
                        other))
                .isEqualTo(1);
        assertThat(events.all(NotificationsErased.class, e -> e.userId().equals(leaver), Duration.ofMillis(700)))
                .isEmpty();

        // late: its like and reply, a follow of it, its follow with notify and then a post it would hear of
        UUID friendsNewPost = Ids.newId();
        List<Event> late = List.of(
                new LikeAdded(Ids.newId(), Instant.now(), 1, Ids.newId(), friend, leaver),
                new PostCreated(
                        Ids.newId(),
                        Instant.now(),
                        1,
                        Ids.newId(),
                        leaver,
                        "late",
                        Instant.now(),
                        friendsPost,
                        friend,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null),
                new UserFollowed(Ids.newId(), Instant.now(), 1, other, leaver, false, 1L),
                new UserFollowed(Ids.newId(), Instant.now(), 1, leaver, friend, true, 3L),
                new PostCreated(
                        Ids.newId(),
                        Instant.now(),
                        1,
                        friendsNewPost,
                        friend,
                        "news",
                        Instant.now(),
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        null,
                        null));
        late.forEach(replay::deliver);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.stream().allMatch(this::processed));

        assertThat(notificationsNaming(leaver)).isZero();
        assertThat(followRowsNaming(leaver)).isZero();
    }

    private long notificationsNaming(UUID userId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM notification WHERE recipient_id = ? OR actor_id = ?", Long.class, userId, userId);
    }

    private long followRowsNaming(UUID userId) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM follow WHERE follower_id = ? OR followee_id = ?", Long.class, userId, userId);
    }

    /**
     * Processed by every subscription that takes it: a like by notifications; a post by notifications
     * and new-posts; a follow by notifications and follow-graph.
     */
    private boolean processed(Event event) {
        long expected = event instanceof LikeAdded ? 1 : 2;
        return jdbc.queryForObject(
                        "SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, event.eventId())
                >= expected;
    }
}
