package social.support.events;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Forgets processed event ids once no redelivery can come any more (after the retention), so
 * the {@code processed_event} table stays as small as the traffic of that period.
 */
public class InboxJanitor implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(InboxJanitor.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private ScheduledExecutorService scheduler;

    public InboxJanitor(JdbcTemplate jdbc, Duration retention) {
        this.jdbc = jdbc;
        this.retention = retention;
    }

    /** Deletes the records older than the retention; returns how many went. */
    public int purge() {
        return jdbc.update(
                "DELETE FROM processed_event WHERE processed_at < ?",
                Timestamp.from(Instant.now().minus(retention)));
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "inbox-janitor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        int purged = purge();
                        if (purged > 0) {
                            log.info("forgot {} processed event ids older than {}", purged, retention);
                        }
                    } catch (RuntimeException e) {
                        log.warn("could not purge processed event ids: {}", e.toString());
                    }
                },
                1,
                60,
                TimeUnit.MINUTES);
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
