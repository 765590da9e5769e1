package social.support.events;

import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Remembers which events a consumer has applied, in the same transaction as their effect, so
 * a redelivered event changes nothing.
 */
public class Inbox {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public Inbox(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Runs {@code effect} unless {@code consumer} already applied {@code eventId}; true if it ran. */
    public boolean applyOnce(String consumer, UUID eventId, Runnable effect) {
        Boolean applied = transactions.execute(status -> {
            int recorded = jdbc.update(
                    "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    consumer,
                    eventId);
            if (recorded == 0) {
                return false;
            }
            effect.run();
            return true;
        });
        return Boolean.TRUE.equals(applied);
    }
}
