package social.user.counters;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The profile counters, kept from the events of followers-service and post-service. Each event
 * counts once (the inbox drops redeliveries) and in publication order, so a decrement always
 * follows its increment; the guard at zero only protects against what should never happen.
 */
@Component
class ProfileCounters {
    private final JdbcClient db;

    ProfileCounters(JdbcClient db) {
        this.db = db;
    }

    void followed(UUID followerId, UUID followeeId) {
        add("followers_count", followeeId, 1);
        add("following_count", followerId, 1);
    }

    void unfollowed(UUID followerId, UUID followeeId) {
        add("followers_count", followeeId, -1);
        add("following_count", followerId, -1);
    }

    void posted(UUID authorId) {
        add("posts_count", authorId, 1);
    }

    void postDeleted(UUID authorId) {
        add("posts_count", authorId, -1);
    }

    /** {@code column} is one of this class's literals, never input. */
    private void add(String column, UUID userId, int delta) {
        db.sql("UPDATE profile SET " + column + " = GREATEST(" + column + " + ?, 0) WHERE id = ?")
                .params(delta, userId)
                .update();
    }
}
