package social.post.followgraph;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.support.erasure.ErasedUsers;

/**
 * post-service's own copy of who follows whom ({@code followed}), fed by followers-service's
 * events, so that the home timeline needs no question to another service. A change is applied only
 * if its pair version is above the newest one applied for the pair ({@code followed_version}, kept
 * after an unfollow too), so a follow that arrives after the unfollow that ended it (replayed from
 * the dead-letter queue) changes nothing. The events also arrive in publication order.
 */
@Component
public class FollowGraphCopy {
    private final JdbcClient db;
    private final ErasedUsers erased;

    FollowGraphCopy(JdbcClient db, ErasedUsers erased) {
        this.db = db;
        this.erased = erased;
    }

    /** Forgets every follow naming a deleted account, either way, and their pair versions (its erasure). */
    public void erase(UUID userId) {
        db.sql("DELETE FROM followed WHERE follower_id = :user OR followee_id = :user")
                .param("user", userId)
                .update();
        db.sql("DELETE FROM followed_version WHERE follower_id = :user OR followee_id = :user")
                .param("user", userId)
                .update();
    }

    void followed(UUID followerId, UUID followeeId, long pairVersion) {
        // a change naming an erased account, arriving after its erasure, writes no row naming it again
        if (erased.isLive(followerId, followeeId) && isNewest(followerId, followeeId, pairVersion)) {
            db.sql("INSERT INTO followed (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(followerId, followeeId)
                    .update();
        }
    }

    void unfollowed(UUID followerId, UUID followeeId, long pairVersion) {
        if (erased.isLive(followerId, followeeId) && isNewest(followerId, followeeId, pairVersion)) {
            db.sql("DELETE FROM followed WHERE follower_id = ? AND followee_id = ?")
                    .params(followerId, followeeId)
                    .update();
        }
    }

    /**
     * Records {@code pairVersion} as the newest change of the pair applied, unless one as new or
     * newer was; true if it was recorded. An event from before pair versions (0) is applied as
     * before, in order, while the pair has no version yet.
     */
    private boolean isNewest(UUID followerId, UUID followeeId, long pairVersion) {
        if (pairVersion == 0) {
            return db.sql("SELECT count(*) FROM followed_version WHERE follower_id = ? AND followee_id = ?")
                            .params(followerId, followeeId)
                            .query(Long.class)
                            .single()
                    == 0;
        }
        return db.sql("""
                        INSERT INTO followed_version (follower_id, followee_id, version) VALUES (?, ?, ?)
                        ON CONFLICT (follower_id, followee_id) DO UPDATE SET version = excluded.version
                        WHERE followed_version.version < excluded.version""").params(followerId, followeeId, pairVersion).update() == 1;
    }
}
