package social.auth.erasure;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.auth.credentials.Accounts;
import social.contract.Erasure;
import social.contract.follow.FollowsErased;
import social.contract.like.LikesErased;
import social.contract.notification.NotificationsErased;
import social.contract.post.PostsErased;
import social.contract.user.ProfileErased;

/**
 * Where each account deletion stands: a row per deletion ({@code erasure}) and one per service that
 * reported its erasure ({@code erasure_step}). When the last service reports, the credential goes
 * (the username and email are free again) and the erasure is marked completed, in the transaction
 * of that report.
 */
@Component
class Erasures {
    private static final Logger log = LoggerFactory.getLogger(Erasures.class);

    /** Every service that erases a deleted account, by the event it reports with. */
    static final Map<Class<? extends Erasure>, String> SERVICES = Map.of(
            ProfileErased.class, "user-service",
            PostsErased.class, "post-service",
            FollowsErased.class, "followers-service",
            LikesErased.class, "like-service",
            NotificationsErased.class, "notification-service");

    private final JdbcClient db;
    private final Accounts accounts;

    Erasures(JdbcClient db, Accounts accounts) {
        this.db = db;
        this.accounts = accounts;
    }

    /** A service reported its erasure; runs in the inbox's transaction (a redelivery changes nothing). */
    void reported(Erasure erasure) {
        String service = SERVICES.get(erasure.getClass());
        // the erasure's row, locked: two last reports at once cannot both miss that they were last
        boolean pending = db.sql("SELECT completed_at IS NULL FROM erasure WHERE user_id = ? FOR UPDATE")
                .params(erasure.userId())
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (!pending) {
            return;
        }
        db.sql("""
                        INSERT INTO erasure_step (user_id, service, completed_at) VALUES (?, ?, ?)
                        ON CONFLICT DO NOTHING""")
                .params(erasure.userId(), service, Timestamp.from(erasure.occurredAt()))
                .update();
        long reported = db.sql("SELECT count(*) FROM erasure_step WHERE user_id = ?")
                .params(erasure.userId())
                .query(Long.class)
                .single();
        if (reported == SERVICES.size()) {
            // none can have been issued since the deletion; gone before the credential they refer to all the same
            db.sql("DELETE FROM refresh_token WHERE user_id = ?")
                    .params(erasure.userId())
                    .update();
            db.sql("DELETE FROM stream_ticket WHERE user_id = ?")
                    .params(erasure.userId())
                    .update();
            accounts.forget(erasure.userId());
            db.sql("UPDATE erasure SET completed_at = ? WHERE user_id = ?")
                    .params(Timestamp.from(Instant.now()), erasure.userId())
                    .update();
            log.info("account {} erased by every service: its username and email are free", erasure.userId());
        }
    }

    /** The erasures still waiting for a service, oldest first (bounded). */
    List<Pending> pending(int limit) {
        Instant now = Instant.now();
        List<Pending> found = new ArrayList<>();
        db.sql("""
                        SELECT e.user_id, e.requested_at, array_remove(array_agg(s.service), NULL) AS done
                        FROM (SELECT * FROM erasure WHERE completed_at IS NULL ORDER BY requested_at LIMIT ?) e
                        LEFT JOIN erasure_step s ON s.user_id = e.user_id
                        GROUP BY e.user_id, e.requested_at ORDER BY e.requested_at""")
                .params(limit)
                .query((rs, row) -> {
                    Set<String> missing = new TreeSet<>(SERVICES.values());
                    for (Object done : (Object[]) rs.getArray("done").getArray()) {
                        missing.remove((String) done);
                    }
                    Instant requestedAt = rs.getTimestamp("requested_at").toInstant();
                    return new Pending(
                            rs.getObject("user_id", UUID.class),
                            requestedAt,
                            Duration.between(requestedAt, now).toMillis() / 1000.0,
                            List.copyOf(missing));
                })
                .list()
                .forEach(found::add);
        return found;
    }

    long pendingCount() {
        return db.sql("SELECT count(*) FROM erasure WHERE completed_at IS NULL")
                .query(Long.class)
                .single();
    }

    /** Seconds since the oldest pending erasure was requested; 0 when none is. */
    double oldestPendingAgeSeconds() {
        return db.sql("SELECT min(requested_at) FROM erasure WHERE completed_at IS NULL")
                .query(Timestamp.class)
                .optional()
                .map(at -> Duration.between(at.toInstant(), Instant.now()).toMillis() / 1000.0)
                .orElse(0.0);
    }

    /** Completed erasures' records (ids and times only) are kept {@code retention}, then purged. */
    int purgeCompletedBefore(Instant before) {
        return db.sql("DELETE FROM erasure WHERE completed_at < ?")
                .params(Timestamp.from(before))
                .update();
    }

    /** One pending erasure: whose, since when, and which services have not reported yet. */
    record Pending(UUID userId, Instant requestedAt, double ageSeconds, List<String> missing) {}
}
