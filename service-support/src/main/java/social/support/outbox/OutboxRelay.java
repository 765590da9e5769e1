package social.support.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import social.contract.registry.Subscriptions;
import social.support.messaging.MessagingNames;
import social.support.outbox.BrokerLink.Confirmations;
import social.support.outbox.BrokerLink.Outcome;

/**
 * Moves committed events from the {@code outbox} table to the {@code social.events} exchange,
 * oldest first, and deletes them only once the broker confirmed that a queue took them. Nothing is
 * lost:
 *
 * <ul>
 *   <li>While the broker is unreachable, events wait in the table.
 *   <li>An event that no queue takes (a fresh broker before its consumers declared their queues, a
 *       new subscription) comes back (published {@code mandatory}) and waits in the table too, with
 *       the later events of its aggregate behind it (the routing key's first part: {@code post} of
 *       {@code post.created}), so that they do not overtake it. Its oldest event is offered again
 *       every {@link OutboxProperties#unroutedRetry()}; once a queue takes it, the others follow in
 *       order. Events of other aggregates keep going meanwhile. Logged (WARN, with the type) and
 *       counted ({@code social.outbox.unrouted} by {@code type}; {@code social.outbox.unrouted.aggregates}
 *       waiting).
 *   <li>An event that some queues would take while the queue of another subscription that takes it
 *       does not exist yet (the subscriber has not started on this broker) would be lost for that
 *       subscriber: it is not published, and waits in the same way until the queue of every
 *       subscription that the inventory ({@link Subscriptions}) lists for its type exists. Logged
 *       (WARN, naming the missing queues) and counted ({@code social.outbox.missing.queue} by
 *       {@code type} and {@code queue}). Queues seen to exist are not asked about again while the
 *       relay's connection lasts.
 *   <li>A broker that does not answer (a memory or disk alarm blocks publishers) holds the relay
 *       for {@link OutboxProperties#confirmTimeout()} at most; what it did not confirm stays for the
 *       next attempt.
 * </ul>
 *
 * <p>Of several instances of a service one relays at a time: it holds a session-level advisory lock
 * from reading a batch to deleting what the broker confirmed, so events leave in the order they were
 * written, which in-order consumers rely on. Its database session holds no transaction meanwhile:
 * each statement commits on its own, and while the relay waits for the broker the session is idle
 * (no snapshot, no row lock), for the confirm timeout at most. Delivery is at least once (an event
 * whose confirm was lost, or that waited behind an unroutable one of its aggregate, is sent again):
 * consumers dedupe by event id.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String LOCK_KEY = "hashtext('outbox-relay.' || current_schema())";
    private static final String COLUMNS =
            "SELECT id, event_id, routing_key, payload::text AS payload, created_at, trace_parent FROM outbox";
    private static final RowMapper<PendingEvent> ROW = (rs, i) -> new PendingEvent(
            rs.getLong("id"),
            rs.getObject("event_id", UUID.class),
            rs.getString("routing_key"),
            rs.getString("payload"),
            rs.getTimestamp("created_at").toInstant(),
            rs.getString("trace_parent"));

    private final DataSource dataSource;
    private final BrokerLink broker;
    private final MessagingNames names;
    private final Subscriptions subscriptions;
    private final OutboxProperties properties;
    private final String sender;
    private final MeterRegistry meters;
    private final OutboxTracing tracing;
    private final Backlog backlog;
    /**
     * Aggregates whose oldest event could not go out (no queue took it, or a queue that should take
     * it does not exist), by aggregate; only the relaying thread changes it.
     */
    private final Map<String, Unrouted> unrouted = new ConcurrentHashMap<>();

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread worker;

    /**
     * @param broker how the service connects to the broker; the relay opens a connection of its own
     *               with it, named {@code <service> outbox}
     * @param subscriptions the durable subscriptions whose queues an event waits for, by its type
     * @param sender the broker user, stamped on every event as its validated {@code user_id}
     * @param tracing continues the trace that wrote each event when it is published
     */
    public OutboxRelay(
            DataSource dataSource,
            com.rabbitmq.client.ConnectionFactory broker,
            MessagingNames names,
            Subscriptions subscriptions,
            OutboxProperties properties,
            String sender,
            MeterRegistry meters,
            OutboxTracing tracing) {
        this.dataSource = dataSource;
        this.tracing = tracing;
        this.broker = new BrokerLink(broker, names.serviceName() + " outbox");
        this.names = names;
        this.subscriptions = subscriptions;
        this.properties = properties;
        this.sender = sender;
        this.meters = meters;
        Gauge.builder("social.outbox.unrouted.aggregates", unrouted, Map::size)
                .description("aggregates whose events wait in the outbox because no queue took the oldest")
                .register(meters);
        this.backlog = new Backlog(new JdbcTemplate(dataSource));
        Gauge.builder("social.outbox.pending", backlog, Backlog::pending)
                .description("events written and not yet confirmed by the broker (all instances of the service)")
                .register(meters);
        Gauge.builder("social.outbox.lag", backlog, Backlog::lagSeconds)
                .baseUnit("seconds")
                .description("how long the oldest event not yet confirmed by the broker has waited; 0 when none waits")
                .register(meters);
    }

    /**
     * The outbox's size and the age of its oldest event, read at most every few seconds (a scrape
     * must not cost a query each); NaN while the database cannot say.
     */
    private static final class Backlog {
        private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(5);
        private final JdbcTemplate jdbc;
        private long readAt;
        private double pending = Double.NaN;
        private double lagSeconds = Double.NaN;

        Backlog(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        synchronized double pending() {
            refresh();
            return pending;
        }

        synchronized double lagSeconds() {
            refresh();
            return lagSeconds;
        }

        private void refresh() {
            long now = System.nanoTime();
            if (readAt != 0 && now - readAt < REFRESH_NANOS) {
                return;
            }
            readAt = now;
            try {
                jdbc.query(
                        // the oldest by id (its primary key), not a scan for the smallest created_at
                        "SELECT (SELECT count(*) FROM outbox) AS pending,"
                                + " (SELECT extract(epoch FROM now() - created_at) FROM outbox ORDER BY id LIMIT 1) AS lag",
                        rs -> {
                            pending = rs.getLong("pending");
                            double lag = rs.getDouble("lag");
                            lagSeconds = rs.wasNull() ? 0 : Math.max(0, lag);
                        });
            } catch (RuntimeException e) {
                pending = Double.NaN;
                lagSeconds = Double.NaN;
                log.debug("cannot read the outbox's backlog: {}", e.toString());
            }
        }
    }

    /** The events as they are published: each continuing the trace that wrote it (see {@link OutboxTracing}). */
    private List<PendingEvent> traced(List<PendingEvent> events) {
        List<PendingEvent> traced = new ArrayList<>(events.size());
        for (PendingEvent event : events) {
            traced.add(event.carrying(tracing.published(event.traceParent(), event.routingKey(), event.writtenAt())));
        }
        return traced;
    }

    /** Called after a transaction that wrote events committed: publish now, not at the next poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Publishes everything waiting that a queue takes; returns how many events went out. */
    public synchronized int relayPending() {
        int total = 0;
        Round round;
        do {
            round = relayBatch();
            total += round.delivered();
        } while (round.progressed() && (round.full() || round.released()));
        return total;
    }

    private record Round(boolean full, int delivered, boolean progressed, boolean released) {
        static final Round NONE = new Round(false, 0, false, false);
    }

    private Round relayBatch() {
        // the broker first: waiting for it to accept a connection holds nothing of the database
        broker.connect();
        // a connection of its own from the pool, never one of a transaction the caller may have open
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(true); // every statement commits alone: no transaction spans the wait for the broker
            JdbcTemplate session = new JdbcTemplate(new SingleConnectionDataSource(db, true));
            if (!Boolean.TRUE.equals(
                    session.queryForObject("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")", Boolean.class))) {
                return Round.NONE; // another instance is relaying right now
            }
            try {
                return relayLocked(session, db);
            } finally {
                unlock(session, db);
            }
        } catch (SQLException e) {
            throw new UncategorizedSQLException("outbox relay", null, e);
        }
    }

    /**
     * Releases the lock; should that fail, ends the session (which releases it too), so that no
     * pooled connection keeps it.
     */
    private static void unlock(JdbcTemplate session, Connection db) {
        try {
            session.queryForObject("SELECT pg_advisory_unlock(" + LOCK_KEY + ")", Boolean.class);
        } catch (RuntimeException e) {
            log.warn("outbox relay could not release its lock, ending its database session: {}", e.toString());
            try {
                db.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                // the session is gone already
            }
        }
    }

    private Round relayLocked(JdbcTemplate session, Connection db) throws SQLException {
        long now = System.nanoTime();
        List<PendingEvent> batch = session.query(
                COLUMNS + " WHERE split_part(routing_key, '.', 1) <> ALL (?) ORDER BY id LIMIT ?",
                ROW,
                db.createArrayOf("text", unrouted.keySet().toArray()),
                properties.batchSize());
        List<PendingEvent> events = new ArrayList<>(batch);
        Set<String> probed = new HashSet<>();
        for (Map.Entry<String, Unrouted> waiting : Map.copyOf(unrouted).entrySet()) {
            if (waiting.getValue().nextAttempt - now > 0) {
                continue;
            }
            List<PendingEvent> oldest = session.query(
                    COLUMNS + " WHERE split_part(routing_key, '.', 1) = ? ORDER BY id LIMIT 1", ROW, waiting.getKey());
            if (oldest.isEmpty()) {
                unrouted.remove(waiting.getKey()); // relayed meanwhile by another instance
            } else {
                events.add(oldest.get(0));
                probed.add(waiting.getKey());
            }
        }
        if (events.isEmpty()) {
            return Round.NONE;
        }
        events.sort(Comparator.comparingLong(PendingEvent::id));

        // an event waits while a subscription that takes it has no queue, and its aggregate's later events behind it
        Map<String, Set<String>> missingByType = missingQueues(events);
        Map<Long, Set<String>> unsubscribed = new HashMap<>();
        Set<String> blocked = new HashSet<>();
        List<PendingEvent> publishing = new ArrayList<>();
        for (PendingEvent event : events) {
            if (blocked.contains(event.aggregate())) {
                continue;
            }
            Set<String> missing = missingByType.getOrDefault(event.routingKey(), Set.of());
            if (missing.isEmpty()) {
                publishing.add(event);
            } else {
                unsubscribed.put(event.id(), missing);
                blocked.add(event.aggregate());
            }
        }
        Confirmations confirmations = publishing.isEmpty()
                ? new Confirmations(Map.of(), null)
                : broker.publish(names.eventsExchange(), traced(publishing), sender, properties.confirmTimeout());

        Set<Long> published = publishing.stream().map(PendingEvent::id).collect(Collectors.toSet());
        Settlement settlement = settle(events, published, unsubscribed, confirmations, probed);
        if (!settlement.delivered().isEmpty()) {
            session.update("DELETE FROM outbox WHERE id = ANY (?)", (Object)
                    settlement.delivered().toArray(Long[]::new));
        }
        if (confirmations.failure() != null) {
            throw confirmations.failure();
        }
        return new Round(
                batch.size() == properties.batchSize(),
                settlement.delivered().size(),
                !settlement.delivered().isEmpty() || settlement.newlyUnrouted(),
                settlement.released());
    }

    /**
     * The queues missing of the subscriptions that take each type among {@code events}, by type (types
     * whose queues all exist are left out).
     */
    private Map<String, Set<String>> missingQueues(List<PendingEvent> events) {
        Map<String, List<String>> queuesByType = new HashMap<>();
        for (PendingEvent event : events) {
            queuesByType.computeIfAbsent(
                    event.routingKey(),
                    type -> subscriptions.takersOf(type).stream()
                            .map(names::eventQueue)
                            .toList());
        }
        Set<String> missing = broker.missing(
                queuesByType.values().stream().flatMap(List::stream).toList(), properties.confirmTimeout());
        Map<String, Set<String>> missingByType = new HashMap<>();
        if (!missing.isEmpty()) {
            queuesByType.forEach((type, queues) -> {
                Set<String> absent = new TreeSet<>(queues);
                absent.retainAll(missing);
                if (!absent.isEmpty()) {
                    missingByType.put(type, absent);
                }
            });
        }
        return missingByType;
    }

    private record Settlement(List<Long> delivered, boolean newlyUnrouted, boolean released) {}

    /** The first event of an aggregate that could not go out, and why. */
    private record Held(PendingEvent event, String why) {}

    /**
     * Which events are done: those a queue took, unless an earlier event of the same aggregate came
     * back or was not published because a queue that should take it does not exist (then they are
     * sent again after it: consumers dedupe) or an earlier event of the batch is in doubt (then they
     * keep their place in the order).
     *
     * @param published   the events sent to the broker; the others wait behind an event of their aggregate
     * @param unsubscribed the events not sent because queues that should take them do not exist, with those queues
     */
    private Settlement settle(
            List<PendingEvent> events,
            Set<Long> published,
            Map<Long, Set<String>> unsubscribed,
            Confirmations confirmations,
            Set<String> probed) {
        List<Long> delivered = new ArrayList<>();
        Set<String> heldBack = new HashSet<>();
        Map<String, Held> firstHeld = new LinkedHashMap<>();
        boolean inDoubt = false;
        for (PendingEvent event : events) {
            Set<String> missing = unsubscribed.get(event.id());
            if (missing != null) {
                for (String queue : missing) {
                    Counter.builder("social.outbox.missing.queue")
                            .description("events held in the outbox because the queue of a subscription that takes"
                                    + " them does not exist yet")
                            .tag("type", event.routingKey())
                            .tag("queue", queue)
                            .register(meters)
                            .increment();
                }
                firstHeld.putIfAbsent(
                        event.aggregate(),
                        new Held(
                                event,
                                "the queues " + missing + " of subscriptions that take " + event.routingKey()
                                        + " do not exist yet (event " + event.eventId() + " is not published)"));
                heldBack.add(event.aggregate());
                continue;
            }
            if (!published.contains(event.id())) {
                continue; // behind an event of its aggregate that waits
            }
            Outcome outcome = confirmations.of(event);
            if (outcome == Outcome.RETURNED
                    && subscriptions.takersOf(event.routingKey()).isEmpty()) {
                // no durable subscription takes this type (like.removed), or only the per-instance,
                // at-most-once queues of running gateways do: nobody was owed it, so it holds nothing back
                log.debug(
                        "outbox: {} {} reached no queue, and no subscription takes it",
                        event.routingKey(),
                        event.eventId());
                outcome = Outcome.ROUTED;
            }
            if (outcome == Outcome.RETURNED) {
                Counter.builder("social.outbox.unrouted")
                        .description("events the broker returned because no queue took them (they stay in the outbox)")
                        .tag("type", event.routingKey())
                        .register(meters)
                        .increment();
                firstHeld.putIfAbsent(
                        event.aggregate(),
                        new Held(
                                event,
                                "no queue takes " + event.routingKey() + " (event " + event.eventId()
                                        + " came back from the broker)"));
            }
            if (inDoubt) {
                continue;
            }
            switch (outcome) {
                case UNCONFIRMED -> inDoubt = true;
                case RETURNED -> heldBack.add(event.aggregate());
                case ROUTED -> {
                    if (!heldBack.contains(event.aggregate())) {
                        delivered.add(event.id());
                    }
                }
            }
        }
        long now = System.nanoTime();
        boolean newlyUnrouted = false;
        for (Held held : firstHeld.values()) {
            newlyUnrouted |= holdBack(held.event(), held.why(), now);
        }
        boolean released = false;
        Set<Long> done = Set.copyOf(delivered);
        for (PendingEvent event : events) {
            if (probed.contains(event.aggregate()) && done.contains(event.id())) {
                Unrouted waited = unrouted.remove(event.aggregate());
                if (waited != null) {
                    released = true;
                    log.info(
                            "outbox: {} goes out now (it waited {} times since {}); the '{}' events that"
                                    + " waited follow in order",
                            event.routingKey(),
                            waited.attempts,
                            waited.since,
                            event.aggregate());
                }
            }
        }
        return new Settlement(delivered, newlyUnrouted, released);
    }

    /**
     * Keeps the aggregate of an event that could not go out waiting; true if it was not waiting yet.
     *
     * @param why what kept the event back, for the log
     */
    private boolean holdBack(PendingEvent event, String why, long now) {
        Unrouted waiting = unrouted.get(event.aggregate());
        boolean fresh = waiting == null;
        if (fresh) {
            waiting = new Unrouted(Instant.now());
            unrouted.put(event.aggregate(), waiting);
        }
        waiting.attempts++;
        waiting.nextAttempt = now + properties.unroutedRetry().toNanos();
        if (Integer.bitCount(waiting.attempts) == 1) { // the 1st, 2nd, 4th, 8th, ... attempt
            log.warn(
                    "outbox: {}; it and the later '{}' events wait in the outbox, offered again every {}"
                            + " (attempt {}, waiting since {})",
                    why,
                    event.aggregate(),
                    properties.unroutedRetry(),
                    waiting.attempts,
                    waiting.since);
        }
        return fresh;
    }

    /** An aggregate whose oldest event could not go out. */
    private static final class Unrouted {
        final Instant since;
        int attempts;
        long nextAttempt;

        Unrouted(Instant since) {
            this.since = since;
        }
    }

    private void run() {
        boolean failing = false;
        while (running.get()) {
            try {
                relayPending();
                if (failing) {
                    log.info("outbox relay reaches the broker again");
                    failing = false;
                }
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("outbox relay cannot publish, events wait in the outbox: {}", e.toString());
                    failing = true;
                }
                try {
                    Thread.sleep(properties.retryBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            Thread thread = new Thread(this::run, "outbox-relay");
            thread.setDaemon(true);
            worker = thread;
            thread.start();
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false) && worker != null) {
            worker.interrupt();
            try {
                worker.join(
                        properties.confirmTimeout().plus(Duration.ofSeconds(1)).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closes the relay's broker connection. */
    @Override
    public void close() {
        stop();
        broker.close();
    }

    @Override
    public boolean isAutoStartup() {
        return properties.relayEnabled();
    }

    /** Before the listeners (which may write events), after them at shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }
}
