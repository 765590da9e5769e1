package social.followers.follow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.auth.UserDeleted;
import social.contract.follow.FollowsErased;
import social.contract.follow.UserUnfollowed;
import social.support.erasure.ErasedUsers;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;

/**
 * A deleted account's follows go, both ways, each with the {@code user.unfollowed} a normal unfollow
 * publishes (so the profile counters and the copies of the graph follow), then its pair versions,
 * then its blocks and mutes on either side with theirs, and {@code follows.erased} reports it: all in
 * the inbox's transaction.
 */
@Component
class FollowErasure {
    private final JdbcClient db;
    private final ErasedUsers erased;
    private final EventOutbox outbox;

    FollowErasure(JdbcClient db, ErasedUsers erased, EventOutbox outbox) {
        this.db = db;
        this.erased = erased;
        this.outbox = outbox;
    }

    void erase(UserDeleted deleted) {
        UUID user = deleted.userId();
        erased.erase(user, deleted.deletedAt());
        // each removed follow with the pair's next version, in one statement (the versions go below)
        List<Pair> removed = db.sql("""
                        WITH removed AS (
                            DELETE FROM follow WHERE follower_id = :user OR followee_id = :user
                            RETURNING follower_id, followee_id)
                        SELECT r.follower_id, r.followee_id, coalesce(v.version, 0) + 1 AS version
                        FROM removed r
                        LEFT JOIN follow_pair_version v ON v.follower_id = r.follower_id AND v.followee_id = r.followee_id""")
                .param("user", user)
                .query((rs, row) -> new Pair(
                        rs.getObject("follower_id", UUID.class),
                        rs.getObject("followee_id", UUID.class),
                        rs.getLong("version")))
                .list();
        Instant now = Instant.now();
        for (Pair pair : removed) {
            outbox.publish(new UserUnfollowed(
                    Ids.newId(), now, Follows.EVENT_VERSION, pair.follower(), pair.followee(), pair.version()));
        }
        db.sql("DELETE FROM follow_pair_version WHERE follower_id = :user OR followee_id = :user")
                .param("user", user)
                .update();
        // its blocks and mutes, either side, without events: each copy erases them on user.deleted itself
        for (String sql : List.of(
                "DELETE FROM block WHERE blocker_id = :user OR blocked_id = :user",
                "DELETE FROM block_pair_version WHERE blocker_id = :user OR blocked_id = :user",
                "DELETE FROM mute WHERE muter_id = :user OR muted_id = :user",
                "DELETE FROM mute_pair_version WHERE muter_id = :user OR muted_id = :user")) {
            db.sql(sql).param("user", user).update();
        }
        outbox.publish(new FollowsErased(Ids.newId(), now, Follows.EVENT_VERSION, user));
    }

    private record Pair(UUID follower, UUID followee, long version) {}
}
