package social.support.purge;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs a purge of a table that would otherwise only grow (expired tokens, old counters,
 * tombstones) every {@code interval} while the application runs. A failed run is logged and
 * the next one tries again: purging is never urgent. Every instance purges; the deletes are
 * idempotent, so they need no coordination.
 */
public class PeriodicPurge implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PeriodicPurge.class);

    private final String what;
    private final Duration interval;
    private final IntSupplier purge;
    private ScheduledExecutorService scheduler;

    /**
     * @param what  what is purged, for the log ("expired refresh tokens")
     * @param purge deletes what is due and returns how many rows went
     */
    public PeriodicPurge(String what, Duration interval, IntSupplier purge) {
        this.what = what;
        this.interval = interval;
        this.purge = purge;
    }

    /**
     * Deletes the rows of {@code table} whose {@code timeColumn} is older than {@code retention}.
     * The names are the caller's constants, never input.
     */
    public static PeriodicPurge rowsOlderThan(
            JdbcTemplate jdbc, String table, String timeColumn, Duration retention, Duration interval) {
        String delete = "DELETE FROM " + table + " WHERE " + timeColumn + " < ?";
        return new PeriodicPurge(
                table + " rows older than " + retention,
                interval,
                () -> jdbc.update(delete, Timestamp.from(Instant.now().minus(retention))));
    }

    /** One purge now; returns how many rows went. */
    public int runOnce() {
        return purge.getAsInt();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "purge " + what);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int purged = runOnce();
                        if (purged > 0) {
                            log.info("purged {} {}", purged, what);
                        }
                    } catch (RuntimeException e) {
                        log.warn("could not purge {}: {}", what, e.toString());
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
