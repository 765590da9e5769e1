package social.post.followgraph;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * post-service's own copy of who follows whom ({@code followed}), fed by followers-service's
 * events, so that the home timeline needs no question to another service. Applied in order,
 * since a follow and its unfollow do not commute.
 */
@Component
class FollowGraphCopy {
    private final JdbcClient db;

    FollowGraphCopy(JdbcClient db) {
        this.db = db;
    }

    void followed(UUID followerId, UUID followeeId) {
        db.sql("INSERT INTO followed (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(followerId, followeeId)
                .update();
    }

    void unfollowed(UUID followerId, UUID followeeId) {
        db.sql("DELETE FROM followed WHERE follower_id = ? AND followee_id = ?")
                .params(followerId, followeeId)
                .update();
    }
}
