package social.notification.followgraph;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import social.support.erasure.ErasedUsers;

/**
 * This service's copy of who follows whom and who asked to be notified of new posts, fed by
 * followers-service's events. Events may be applied out of order (several consumers): each row
 * keeps the pair version of the change that set it (a row stays after an unfollow), and only a
 * change with a higher one overwrites it. Pair versions are counted by followers-service, so no
 * clock decides. Rows and events from before pair versions (0) still compare by time, and never
 * overwrite a versioned row.
 */
@Component
public class FollowGraph {
    /**
     * Sets the pair's row to a change, unless the row holds a later one: a higher pair version, or
     * (both from before pair versions) a later time.
     */
    private static final String APPLY = """
            INSERT INTO follow (follower_id, followee_id, following, notify, pair_version, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (follower_id, followee_id) DO UPDATE
            SET following = excluded.following, notify = excluded.notify, pair_version = excluded.pair_version,
                changed_at = excluded.changed_at
            WHERE excluded.pair_version > follow.pair_version
               OR (excluded.pair_version = 0 AND follow.pair_version = 0 AND follow.changed_at < excluded.changed_at)""";

    private final JdbcTemplate jdbc;
    private final ErasedUsers erased;

    FollowGraph(JdbcTemplate jdbc, ErasedUsers erased) {
        this.jdbc = jdbc;
        this.erased = erased;
    }

    /** Forgets every follow naming a deleted account, either way (its erasure). */
    public void erase(UUID userId) {
        jdbc.update("DELETE FROM follow WHERE follower_id = ? OR followee_id = ?", userId, userId);
    }

    /** Everyone following {@code followeeId} with notify on, in no particular order. */
    public List<UUID> notifyFollowersOf(UUID followeeId) {
        return jdbc.queryForList(
                "SELECT follower_id FROM follow WHERE followee_id = ? AND following AND notify",
                UUID.class,
                followeeId);
    }

    void followed(UUID followerId, UUID followeeId, boolean notify, long pairVersion, Instant at) {
        if (!erased.isLive(followerId, followeeId)) {
            return; // a follow of an erased account, arriving after its erasure: no row names it again
        }
        jdbc.update(APPLY, followerId, followeeId, true, notify, pairVersion, Timestamp.from(at));
    }

    void unfollowed(UUID followerId, UUID followeeId, long pairVersion, Instant at) {
        if (!erased.isLive(followerId, followeeId)) {
            return;
        }
        jdbc.update(APPLY, followerId, followeeId, false, false, pairVersion, Timestamp.from(at));
    }

    /** A notify change implies the follow exists at that version. */
    void notifyChanged(UUID followerId, UUID followeeId, boolean notify, long pairVersion, Instant at) {
        followed(followerId, followeeId, notify, pairVersion, at);
    }
}
