package social.auth.limits;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts attempts per key in fixed windows, in the database so that every auth-service instance
 * counts alike. Each count is one upsert that returns the new total: concurrent attempts are
 * serialised by the row lock, none is lost and none is let through on a stale read.
 */
@Component
public class AttemptCounter {
    private final JdbcTemplate jdbc;

    AttemptCounter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The count of {@code key} once this attempt is added, and when its window ends. */
    public record Count(int attempts, Instant windowEnd) {
        /** Whether this attempt is over {@code limit}; if so, the caller may retry after {@link #retryAfter}. */
        public boolean exceeds(int limit) {
            return attempts > limit;
        }

        /** Whole seconds until the window ends, at least 1. */
        public long retryAfter(Instant now) {
            return Math.max(1, (Duration.between(now, windowEnd).toMillis() + 999) / 1000);
        }
    }

    public Count add(String key, Duration window, Instant now) {
        Timestamp current = Timestamp.from(now);
        return jdbc.queryForObject(
                """
                INSERT INTO attempt_counter (counter_key, attempts, window_end) VALUES (?, 1, ?)
                ON CONFLICT (counter_key) DO UPDATE SET
                  attempts = CASE WHEN attempt_counter.window_end > ? THEN attempt_counter.attempts + 1 ELSE 1 END,
                  window_end = CASE WHEN attempt_counter.window_end > ? THEN attempt_counter.window_end
                                    ELSE EXCLUDED.window_end END
                RETURNING attempts, window_end
                """,
                (rs, i) -> new Count(rs.getInt(1), rs.getTimestamp(2).toInstant()),
                key,
                Timestamp.from(now.plus(window)),
                current,
                current);
    }

    /** Takes back one attempt of {@code key} (an attempt that turned out legitimate). */
    public void takeBack(String key) {
        jdbc.update("UPDATE attempt_counter SET attempts = attempts - 1 WHERE counter_key = ? AND attempts > 0", key);
    }

    public void forget(String key) {
        jdbc.update("DELETE FROM attempt_counter WHERE counter_key = ?", key);
    }

    /** Deletes the counts whose window has ended; returns how many went. */
    public int purgeEnded(Instant now) {
        return jdbc.update("DELETE FROM attempt_counter WHERE window_end <= ?", Timestamp.from(now));
    }
}
