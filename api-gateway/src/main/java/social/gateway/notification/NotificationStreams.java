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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import social.gateway.security.AuthenticatedUser;
import social.gateway.security.LoggedOutLogins;
import social.gateway.web.ApiException;

/**
 * The notification streams open on this gateway instance, by user. A stream is forgotten as soon
 * as it completes, times out or fails (a client that went away is found at the latest by the next
 * heartbeat); a user's streams are bounded, a further one closing the oldest; streams per client
 * address and in all are bounded too (a further one is refused), and a stream ends when the
 * access token that opened it expires, or when its login ends (a logout).
 */
@Component
class NotificationStreams implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(NotificationStreams.class);

    private final NotificationProperties properties;
    private final Map<UUID, Deque<SseEmitter>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Integer> byAddress = new ConcurrentHashMap<>();
    /** Streams admitted and not yet ended (including those a user's newer stream is closing). */
    private final AtomicInteger total = new AtomicInteger();
    /** The login each stream was opened by, for streams of tokens that name one. */
    private final Map<SseEmitter, UUID> loginOf = new ConcurrentHashMap<>();

    private volatile ScheduledExecutorService heartbeats;

    NotificationStreams(
            NotificationProperties properties, LoggedOutLogins loggedOut, ObjectProvider<MeterRegistry> meters) {
        this.properties = properties;
        loggedOut.whenEnded(this::endLogin);
        meters.ifAvailable(
                registry -> Gauge.builder("social.notification.streams", this, NotificationStreams::openStreams)
                        .description("notification streams open on this gateway instance")
                        .register(registry));
    }

    /**
     * Opens a stream for the caller, ending when the caller's access token expires at the latest;
     * 429 when the client address or this instance holds as many streams as allowed.
     */
    SseEmitter open(AuthenticatedUser caller, String address) {
        admit(address);
        UUID userId = caller.id();
        Duration untilTokenExpiry = Duration.between(Instant.now(), caller.tokenExpiresAt());
        long timeout = Math.max(1, Math.min(properties.streamTimeout().toMillis(), untilTokenExpiry.toMillis()));
        SseEmitter emitter = new SseEmitter(timeout);
        AtomicBoolean counted = new AtomicBoolean(true);
        if (caller.loginId() != null) {
            loginOf.put(emitter, caller.loginId());
        }
        Runnable release = () -> {
            forget(userId, emitter);
            loginOf.remove(emitter);
            if (counted.getAndSet(false)) {
                total.decrementAndGet();
                byAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
            }
        };
        emitter.onCompletion(release);
        emitter.onTimeout(release);
        emitter.onError(failure -> release.run());
        Deque<SseEmitter> streams = byUser.compute(userId, (id, open) -> {
            Deque<SseEmitter> deque = open != null ? open : new ConcurrentLinkedDeque<>();
            deque.addLast(emitter);
            return deque;
        });
        while (streams.size() > Math.max(1, properties.maxStreamsPerUser())) {
            SseEmitter oldest = streams.pollFirst();
            if (oldest != null) {
                oldest.complete();
            }
        }
        // tells the client (and any proxy) at once that the stream is live
        send(userId, emitter, SseEmitter.event().comment("connected"));
        return emitter;
    }

    /** Ends the streams opened with the access tokens of a login that ended (a logout). */
    void endLogin(UUID loginId) {
        loginOf.forEach((emitter, login) -> {
            if (login.equals(loginId)) {
                loginOf.remove(emitter);
                try {
                    emitter.complete();
                } catch (RuntimeException ignored) {
                    // already completed
                }
            }
        });
    }

    private void admit(String address) {
        if (total.incrementAndGet() > properties.maxStreams()) {
            total.decrementAndGet();
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many notification streams are open, try again later.");
        }
        if (byAddress.merge(address, 1, Integer::sum) > properties.maxStreamsPerAddress()) {
            byAddress.computeIfPresent(address, (key, count) -> count > 1 ? count - 1 : null);
            total.decrementAndGet();
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS, "Too many notification streams are open from this address.");
        }
    }

    boolean isConnected(UUID userId) {
        Deque<SseEmitter> streams = byUser.get(userId);
        return streams != null && !streams.isEmpty();
    }

    /** How many streams this instance holds (for tests and metrics). */
    int openStreams() {
        return byUser.values().stream().mapToInt(Deque::size).sum();
    }

    void push(UUID userId, Notification notification) {
        Deque<SseEmitter> streams = byUser.get(userId);
        if (streams == null) {
            return;
        }
        for (SseEmitter emitter : List.copyOf(streams)) {
            send(
                    userId,
                    emitter,
                    SseEmitter.event().name(notification.type().name()).data(notification, MediaType.APPLICATION_JSON));
        }
    }

    void heartbeat() {
        byUser.forEach((userId, streams) -> {
            for (SseEmitter emitter : List.copyOf(streams)) {
                send(userId, emitter, SseEmitter.event().comment("heartbeat"));
            }
        });
    }

    private void send(UUID userId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the stream ended meanwhile): let go of it
            forget(userId, emitter);
            try {
                emitter.completeWithError(e);
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
    }

    private void forget(UUID userId, SseEmitter emitter) {
        byUser.computeIfPresent(userId, (id, streams) -> {
            streams.remove(emitter);
            return streams.isEmpty() ? null : streams;
        });
    }

    @Override
    public void start() {
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
        List<SseEmitter> open = new ArrayList<>();
        byUser.values().forEach(open::addAll);
        byUser.clear();
        open.forEach(emitter -> {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        });
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
