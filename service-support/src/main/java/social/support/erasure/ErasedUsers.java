package social.support.erasure;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.support.purge.PeriodicPurge;

/**
 * A service's tombstones of deleted accounts (table {@code erased_user (user_id, erased_at)} in its
 * own schema): the one thing a service keeps of an account it erased, so that an event still in
 * flight about that account (a {@code post.created}, a follow, a counter change) creates nothing
 * for it afterwards. Only the id and the time: nothing else of the account.
 *
 * <p>Writers that create rows for a user call {@link #requireLive}/{@link #isLive} inside their
 * transaction: that takes a shared transaction-scoped advisory lock on the user, which the erasure
 * ({@link #erase}) takes exclusively. So a write either commits before the erasure starts (and is
 * erased by it) or sees the tombstone afterwards; writes of one user never wait for each other.
 */
public class ErasedUsers {
    /** The key space of these locks (the second argument of {@code hashtextextended}). */
    private static final int LOCK_SPACE = 14;

    private final JdbcClient db;

    public ErasedUsers(JdbcClient db) {
        this.db = db;
    }

    /**
     * Records that {@code userId} is erased, holding it exclusively until the transaction ends;
     * true the first time (false: a redelivered {@code user.deleted} found it erased already).
     */
    public boolean erase(UUID userId, Instant erasedAt) {
        db.sql("SELECT pg_advisory_xact_lock(hashtextextended(?::text, " + LOCK_SPACE + "))")
                .params(userId)
                .query()
                .singleValue();
        return record(userId, erasedAt);
    }

    /**
     * Records the tombstone without this class's lock, for a caller that serialises the erasure with
     * the writes of the user by a lock of its own (and asks {@link #isErased} under it).
     */
    public boolean record(UUID userId, Instant erasedAt) {
        return db.sql("INSERT INTO erased_user (user_id, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(userId, Timestamp.from(erasedAt))
                        .update()
                == 1;
    }

    /** Whether none of {@code userIds} is erased; holds them against an erasure until the transaction ends. */
    public boolean isLive(Collection<UUID> userIds) {
        List<UUID> ids =
                userIds.stream().filter(Objects::nonNull).distinct().sorted().toList();
        if (ids.isEmpty()) {
            return true;
        }
        for (UUID id : ids) {
            db.sql("SELECT pg_advisory_xact_lock_shared(hashtextextended(?::text, " + LOCK_SPACE + "))")
                    .params(id)
                    .query()
                    .singleValue();
        }
        return !db.sql("SELECT EXISTS (SELECT 1 FROM erased_user WHERE user_id = ANY (?::uuid[]))")
                .params((Object) ids.stream().map(UUID::toString).toArray(String[]::new))
                .query(Boolean.class)
                .single();
    }

    /** Whether the user is erased, without this class's lock (see {@link #record}). */
    public boolean isErased(UUID userId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM erased_user WHERE user_id = ?)")
                .params(userId)
                .query(Boolean.class)
                .single();
    }

    public boolean isLive(UUID... userIds) {
        return isLive(Arrays.asList(userIds));
    }

    /** Tombstones are kept for {@code retention} (longer than any event can arrive late), then purged. */
    public static PeriodicPurge purge(JdbcTemplate jdbc, Duration retention, Duration interval) {
        return PeriodicPurge.rowsOlderThan(jdbc, "erased_user", "erased_at", retention, interval);
    }
}
