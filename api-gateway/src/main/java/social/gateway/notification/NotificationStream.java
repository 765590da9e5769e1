package social.gateway.notification;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open notification stream. What is for its client waits in a bounded queue of its own and is
 * written by one sender at a time (a task on the gateway's shared senders that runs while the queue
 * has something), so a client that stops reading holds up only its own stream: nobody's delivery or
 * heartbeat waits on its socket. A stream that falls {@code capacity} events behind is ended; its
 * client reconnects with {@code Last-Event-ID} and gets what it missed from the list.
 * <p>
 * Each notification goes out with its id as the event's {@code id:}, once: one delivered again (the
 * outbox relay publishes a batch again after a lost confirm, or the resumed list and a live push
 * overlap) is recognised by its id among the last ones sent, and skipped. A stream opened to resume
 * holds its live notifications back until the missed ones are written, so they come oldest first.
 */
final class NotificationStream {
    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);
    /** Events one sender's turn writes before it lets other streams have the thread. */
    private static final int WRITES_PER_TURN = 64;

    /** What waits for the client: a notification or a comment line. */
    private sealed interface Outgoing permits Push, Comment {}

    private record Push(Notification notification) implements Outgoing {}

    private record Comment(String text) implements Outgoing {}

    private final UUID userId;
    private final UUID loginId;
    private final SseEmitter emitter;
    private final int capacity;
    private final BlockingQueue<Outgoing> waiting;
    private final RecentIds sent;
    private final Executor senders;
    private final Consumer<NotificationStream> forget;

    /** A sender's turn is queued or running; only that turn writes. */
    private final AtomicBoolean sending = new AtomicBoolean();
    /** Takes nothing more: ended, or its client went away. */
    private final AtomicBoolean ended = new AtomicBoolean();
    /** The response is completed (by this stream or by the server). */
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Waiting for the notifications missed before it was opened, which go out first. */
    private volatile boolean holding;

    private volatile List<Notification> missed;

    /**
     * @param resuming whether missed notifications will be handed over ({@link #resume}), before
     *                 which no live one is written
     * @param forget   called once, when the stream stops taking events
     */
    NotificationStream(
            UUID userId,
            UUID loginId,
            SseEmitter emitter,
            int capacity,
            int rememberedIds,
            Executor senders,
            boolean resuming,
            Consumer<NotificationStream> forget) {
        this.userId = userId;
        this.loginId = loginId;
        this.emitter = emitter;
        this.capacity = Math.max(1, capacity);
        this.waiting = new LinkedBlockingQueue<>(this.capacity);
        this.sent = new RecentIds(rememberedIds);
        this.senders = senders;
        this.holding = resuming;
        this.forget = forget;
    }

    UUID loginId() {
        return loginId;
    }

    void push(Notification notification) {
        offer(new Push(notification));
    }

    void comment(String text) {
        offer(new Comment(text));
    }

    /** Hands over the notifications missed before the stream opened, oldest first: they go out before the live ones. */
    void resume(List<Notification> missedBefore) {
        missed = List.copyOf(missedBefore);
        holding = false;
        send();
    }

    /** Ends the stream: nothing more is written, and the response is completed by its sender. */
    void end() {
        stopTaking();
        send();
    }

    /** The response was completed, timed out or failed (the server says so): nothing more to write. */
    void gone() {
        closed.set(true);
        stopTaking();
    }

    private void offer(Outgoing outgoing) {
        if (ended.get()) {
            return;
        }
        if (!waiting.offer(outgoing)) {
            log.info(
                    "a notification stream of user {} is {} events behind (its client stopped reading): ended",
                    userId,
                    capacity);
            end();
            return;
        }
        send();
    }

    private void stopTaking() {
        if (ended.compareAndSet(false, true)) {
            waiting.clear();
            forget.accept(this);
        }
    }

    /** Starts a sender's turn unless one is queued or running (that one sees what was just added). */
    private void send() {
        if (!sending.compareAndSet(false, true)) {
            return;
        }
        try {
            senders.execute(this::turn);
        } catch (RejectedExecutionException e) {
            // the gateway is stopping
            stopTaking();
            complete();
        }
    }

    private void turn() {
        try {
            take();
        } catch (RuntimeException e) {
            // a turn that ends unexpectedly must not leave the stream taking events that nobody writes
            log.warn("ending a notification stream of user {}: {}", userId, e.toString());
            stopTaking();
            complete();
        }
    }

    private void take() {
        for (int written = 0; written < WRITES_PER_TURN; ) {
            if (ended.get()) {
                // the turn stays taken: nothing is written after this
                complete();
                return;
            }
            if (holding) {
                break;
            }
            List<Notification> first = missed;
            if (first != null) {
                missed = null;
                for (Notification notification : first) {
                    if (!write(new Push(notification))) {
                        return;
                    }
                }
                continue;
            }
            Outgoing next = waiting.poll();
            if (next == null) {
                break;
            }
            if (!write(next)) {
                return;
            }
            written++;
        }
        sending.set(false);
        // what arrived after the last look, or the rest beyond this turn
        if (ended.get() || (!holding && (missed != null || !waiting.isEmpty()))) {
            send();
        }
    }

    /** Writes one event; false when the client went away (the stream is let go then). */
    private boolean write(Outgoing outgoing) {
        try {
            if (outgoing instanceof Push push) {
                Notification notification = push.notification();
                if (!sent.add(notification.id())) {
                    return true;
                }
                emitter.send(SseEmitter.event()
                        .id(notification.id().toString())
                        .name(notification.type().name())
                        .data(notification, MediaType.APPLICATION_JSON));
            } else if (outgoing instanceof Comment comment) {
                emitter.send(SseEmitter.event().comment(comment.text()));
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the stream ended meanwhile): let go of it
            stopTaking();
            if (closed.compareAndSet(false, true)) {
                try {
                    emitter.completeWithError(e);
                } catch (RuntimeException ignored) {
                    // already completed
                }
            }
            return false;
        }
    }

    private void complete() {
        if (closed.compareAndSet(false, true)) {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
    }
}
