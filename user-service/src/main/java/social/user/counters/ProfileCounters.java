package social.user.counters;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.support.erasure.ErasedUsers;

/**
 * The profile counters, kept from the events of followers-service and post-service. Each event
 * counts once (the inbox drops redeliveries) and in publication order, so a decrement always
 * follows its increment; the guard at zero only protects against what should never happen.
 *
 * <p>A change for a profile that does not exist yet is kept in {@code pending_counter} and added
 * when the profile is created ({@link #settle}). Both sides hold the same per-user advisory lock,
 * so a change and the creation never miss each other. A change for an erased account is dropped.
 */
@Component
public class ProfileCounters {
    private final JdbcClient db;
    private final ErasedUsers erased;

    ProfileCounters(JdbcClient db, ErasedUsers erased) {
        this.db = db;
        this.erased = erased;
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

    /**
     * Adds what was counted for {@code userId} before its profile existed; in the transaction that
     * created the profile.
     */
    public void settle(UUID userId) {
        lock(userId);
        db.sql("""
                        UPDATE profile p SET
                            followers_count = GREATEST(p.followers_count + c.followers_count, 0),
                            following_count = GREATEST(p.following_count + c.following_count, 0),
                            posts_count = GREATEST(p.posts_count + c.posts_count, 0)
                        FROM pending_counter c WHERE c.user_id = p.id AND p.id = ?""").params(userId).update();
        db.sql("DELETE FROM pending_counter WHERE user_id = ?").params(userId).update();
    }

    /** {@code column} is one of this class's literals, never input. */
    private void add(String column, UUID userId, int delta) {
        lock(userId);
        // an erased account counts nothing more, and keeps no pending counter either
        if (erased.isErased(userId)) {
            return;
        }
        int updated = db.sql("UPDATE profile SET " + column + " = GREATEST(" + column + " + ?, 0) WHERE id = ?")
                .params(delta, userId)
                .update();
        if (updated == 0) {
            db.sql("INSERT INTO pending_counter (user_id, " + column + ") VALUES (?, ?) "
                            + "ON CONFLICT (user_id) DO UPDATE SET " + column + " = pending_counter." + column
                            + " + EXCLUDED." + column)
                    .params(userId, delta)
                    .update();
        }
    }

    /**
     * The account is erased: its tombstone and the end of its pending counters, under the same lock
     * as every counter change and the profile's creation, so none of them misses the erasure.
     */
    public void erase(UUID userId, Instant erasedAt) {
        lock(userId);
        erased.record(userId, erasedAt);
        db.sql("DELETE FROM pending_counter WHERE user_id = ?").params(userId).update();
    }

    /**
     * Held until the transaction ends: a counter change, the profile's creation and its erasure,
     * one at a time. Whether the user is erased is asked under it.
     */
    public void lock(UUID userId) {
        db.sql("SELECT pg_advisory_xact_lock(hashtextextended(?::text, 7))")
                .params(userId)
                .query()
                .singleValue();
    }
}
