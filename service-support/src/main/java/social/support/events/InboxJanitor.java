package social.support.events;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import social.support.purge.PeriodicPurge;

/**
 * Forgets processed event ids once no redelivery can come any more (after the retention), so
 * the {@code processed_event} table stays as small as the traffic of that period. Hourly, on the
 * scheduled purge every table that only grows uses. What makes "no redelivery can come" true: the
 * listeners apply no event older than {@code social.messaging.max-event-age}, which is shorter than
 * the retention, so an event whose id was forgotten is refused however late it comes back (a
 * dead letter replayed weeks later, say) instead of applied a second time.
 */
public class InboxJanitor implements SmartLifecycle {
    private final PeriodicPurge purge;

    public InboxJanitor(JdbcTemplate jdbc, Duration retention) {
        this.purge =
                PeriodicPurge.rowsOlderThan(jdbc, "processed_event", "processed_at", retention, Duration.ofHours(1));
    }

    /** Deletes the records older than the retention; returns how many went. */
    public int purge() {
        return purge.runOnce();
    }

    @Override
    public void start() {
        purge.start();
    }

    @Override
    public void stop() {
        purge.stop();
    }

    @Override
    public boolean isRunning() {
        return purge.isRunning();
    }
}
