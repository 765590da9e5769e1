package social.notification.followgraph;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This service's copy of who follows whom and who asked to be notified of new posts, fed by
 * followers-service's events. Events may be applied out of order (several consumers): each row
 * keeps the time of the change that set it, and only a later change overwrites it.
 */
@Component
public class FollowGraph {
    private final JdbcTemplate jdbc;

    FollowGraph(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Everyone following {@code followeeId} with notify on, in no particular order. */
    public List<UUID> notifyFollowersOf(UUID followeeId) {
        return jdbc.queryForList(
                "SELECT follower_id FROM follow WHERE followee_id = ? AND following AND notify",
                UUID.class,
                followeeId);
    }

    void followed(UUID followerId, UUID followeeId, boolean notify, Instant at) {
        jdbc.update("""
                INSERT INTO follow (follower_id, followee_id, following, notify, changed_at) VALUES (?, ?, true, ?, ?)
                ON CONFLICT (follower_id, followee_id) DO UPDATE
                SET following = true, notify = excluded.notify, changed_at = excluded.changed_at
                WHERE follow.changed_at < excluded.changed_at""", followerId, followeeId, notify, Timestamp.from(at));
    }

    void unfollowed(UUID followerId, UUID followeeId, Instant at) {
        jdbc.update("""
                INSERT INTO follow (follower_id, followee_id, following, notify, changed_at) VALUES (?, ?, false, false, ?)
                ON CONFLICT (follower_id, followee_id) DO UPDATE
                SET following = false, notify = false, changed_at = excluded.changed_at
                WHERE follow.changed_at < excluded.changed_at""", followerId, followeeId, Timestamp.from(at));
    }

    /** A notify change implies the follow exists at that time. */
    void notifyChanged(UUID followerId, UUID followeeId, boolean notify, Instant at) {
        followed(followerId, followeeId, notify, at);
    }
}
