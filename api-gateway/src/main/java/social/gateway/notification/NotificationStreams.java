package social.gateway.notification;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import social.gateway.security.AuthenticatedUser;
import social.gateway.security.LoggedOutLogins;
import social.gateway.web.ApiException;
import social.gateway.web.ProblemCode;

/**
 * The notification streams open on this gateway instance, by user. A stream is forgotten as soon
 * as it completes, times out or fails (a client that went away is found at the latest by the next
 * heartbeat); a user's streams are bounded, a further one closing the oldest; streams per client
 * address and in all are bounded too (a further one is refused), and a stream ends when the
 * access token that opened it expires, or when its login ends (a logout).
 * <p>
 * Pushes and heartbeats only queue events for a stream ({@link NotificationStream}); the writing
 * is done by a bounded pool of senders, so a client that stops reading holds up neither the
 * consumer of live notifications, nor the heartbeat, nor any other stream. A stream opened with
 * the id of the last event its client saw first gets the notifications it missed.
 */
@Component
class NotificationStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);
    /** How long stopping waits for the streams' senders to complete them. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final NotificationProperties properties;
    private final MissedNotifications missed;
    private final Map<UUID, Deque<NotificationStream>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    /** Streams admitted and not yet ended (including those a user's newer stream is closing). */
    private final AtomicInteger total = new AtomicInteger();

    /**
     * Writes to the streams; a stream has at most one task queued or running, so the task queue is
     * bounded by the streams open. Threads end when idle.
     */
    private volatile ThreadPoolExecutor senders;

    private volatile ScheduledExecutorService heartbeats;

    NotificationStreams(
            NotificationProperties properties,
            MissedNotifications missed,
            LoggedOutLogins loggedOut,
            ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        this.missed = missed;
        this.senders = newSenders();
        loggedOut.whenEnded(this::endLogin);
        loggedOut.whenDeleted(this::endUser);
        meters.ifAvailable(
                registry -> Gauge.builder("social.notification.streams", this, NotificationStreams::openStreams)
                        .description("notification streams open on this gateway instance")
                        .register(registry));
    }

    /**
     * Opens a stream for the caller, ending when the caller's access token expires at the latest;
     * 429 when the client address or this instance holds as many streams as allowed. With
     * {@code lastSeen}, the id of the last notification the client got, the stream first sends
     * those that came after it (if they cannot be fetched, the stream ends, and the client tries
     * again).
     */
    SseEmitter open(AuthenticatedUser caller, String address, UUID lastSeen) {
        admit(address);
        UUID userId = caller.id();
        Duration untilTokenExpiry = Duration.between(Instant.now(), caller.tokenExpiresAt());
        long timeout = Math.max(1, Math.min(properties.streamTimeout().toMillis(), untilTokenExpiry.toMillis()));
        SseEmitter emitter = new SseEmitter(timeout);
        try {
            // tells the client (and any proxy) at once that the stream is live: held by the emitter
            // until the response starts, so it comes before anything else
            emitter.send(SseEmitter.event().comment("connected"));
        } catch (IOException e) {
            throw new IllegalStateException("a stream not yet started cannot fail a write", e);
        }
        NotificationStream stream = new NotificationStream(
                userId,
                caller.loginId(),
                emitter,
                properties.streamBuffer(),
                properties.rememberedIds(),
                task -> senders.execute(task),
                lastSeen != null,
                gone -> forget(userId, gone));
        AtomicBoolean counted = new AtomicBoolean(true);
        // the caps first: once the stream no longer shows as open, its address may open another
        Runnable release = () -> {
            if (counted.getAndSet(false)) {
                total.decrementAndGet();
                byAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
            }
            stream.gone();
        };
        emitter.onCompletion(release);
        emitter.onTimeout(release);
        emitter.onError(failure -> release.run());
        Deque<NotificationStream> streams = byUser.compute(userId, (id, open) -> {
            Deque<NotificationStream> deque = open != null ? open : new ConcurrentLinkedDeque<>();
            deque.addLast(stream);
            return deque;
        });
        while (streams.size() > Math.max(1, properties.maxStreamsPerUser())) {
            NotificationStream oldest = streams.pollFirst();
            if (oldest != null) {
                oldest.end();
            }
        }
        if (lastSeen != null) {
            missed.after(userId, lastSeen).whenComplete((notifications, failure) -> {
                if (failure != null) {
                    log.warn("ending a resumed notification stream: the missed notifications: {}", failure.toString());
                    stream.end();
                } else {
                    stream.resume(notifications);
                }
            });
        }
        return emitter;
    }

    /** Ends the streams opened with the access tokens of a login that ended (a logout). */
    void endLogin(UUID loginId) {
        byUser.values().forEach(streams -> {
            for (NotificationStream stream : List.copyOf(streams)) {
                if (loginId.equals(stream.loginId())) {
                    stream.end();
                }
            }
        });
    }

    /** Ends every stream of a deleted account. */
    void endUser(UUID userId) {
        Deque<NotificationStream> streams = byUser.get(userId);
        if (streams != null) {
            List.copyOf(streams).forEach(NotificationStream::end);
        }
    }

    private void admit(String address) {
        if (total.incrementAndGet() > properties.maxStreams()) {
            total.decrementAndGet();
            throw new ApiException(
                    ProblemCode.TOO_MANY_STREAMS, "Too many notification streams are open, try again later.");
        }
        if (byAddress.merge(address, 1, Integer::sum) > properties.maxStreamsPerAddress()) {
            byAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
            total.decrementAndGet();
            throw new ApiException(
                    ProblemCode.TOO_MANY_STREAMS, "Too many notification streams are open from this address.");
        }
    }

    boolean isConnected(UUID userId) {
        Deque<NotificationStream> streams = byUser.get(userId);
        return streams != null && !streams.isEmpty();
    }

    /** How many streams this instance holds (for tests and metrics). */
    int openStreams() {
        return byUser.values().stream().mapToInt(Deque::size).sum();
    }

    /** Queues the notification for each of the user's streams; never waits for a client. */
    void push(UUID userId, Notification notification) {
        Deque<NotificationStream> streams = byUser.get(userId);
        if (streams == null) {
            return;
        }
        for (NotificationStream stream : List.copyOf(streams)) {
            stream.push(notification);
        }
    }

    void heartbeat() {
        byUser.values().forEach(streams -> {
            for (NotificationStream stream : List.copyOf(streams)) {
                stream.comment("heartbeat");
            }
        });
    }

    private void forget(UUID userId, NotificationStream stream) {
        byUser.computeIfPresent(userId, (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    private ThreadPoolExecutor newSenders() {
        int threads = Math.max(1, properties.senderThreads());
        AtomicInteger named = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "sse-sender-" + named.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Override
    public void start() {
        if (senders.isShutdown()) {
            senders = newSenders();
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sse-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, properties.heartbeat().toMillis());
        executor.scheduleAtFixedRate(
                () -> {
                    try {
                        heartbeat();
                    } catch (RuntimeException e) {
                        log.warn("heartbeat failed: {}", e.toString());
                    }
                },
                period,
                period,
                TimeUnit.MILLISECONDS);
        heartbeats = executor;
    }

    /** Ends every open stream first, so that the graceful shutdown of the web server does not wait on them. */
    @Override
    public void stop() {
        ScheduledExecutorService executor = heartbeats;
        heartbeats = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        List<NotificationStream> open = new ArrayList<>();
        byUser.values().forEach(open::addAll);
        byUser.clear();
        open.forEach(NotificationStream::end);
        ThreadPoolExecutor writing = senders;
        writing.shutdown();
        try {
            if (!writing.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("notification streams still being written to after {}", STOP_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
