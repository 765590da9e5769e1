package social.support.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.support.converter.MessageConversionException;

import social.contract.Event;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessageObservations;
import social.support.messaging.Senders;
import social.support.rpc.Outages;
import social.support.text.Untrusted;

/**
 * Applies each event of a subscription once. A handler that keeps failing is tried a bounded
 * number of times in a row; then
 * <ul>
 *   <li>an event of an unordered subscription that fails by itself (poison) is rejected to the
 *       dead-letter queue, so that the queue keeps moving;</li>
 *   <li>one that failed because the database or another service was unreachable is put back to
 *       be tried again later: an outage must not lose events;</li>
 *   <li>an event of an in-order subscription is never dead-lettered for failing, whatever the
 *       cause: skipping it would apply the later events without it. It is put back and tried
 *       again, after pauses that double up to a cap, holding up its own queue only; each failed
 *       round is logged at ERROR and the subscription reports itself {@link #stuck() stuck} until
 *       the event succeeds.</li>
 * </ul>
 * What nobody can apply goes to the dead-letter queue at once, in any subscription: an unreadable
 * message, a type outside the contract or without a handler here, an event its owner did not
 * publish, and an event older than {@link EventConsumption#maxEventAge()}, whose processed id may
 * already be forgotten. The message is acknowledged only after the handler's transaction committed.
 */
final class EventListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(EventListener.class);

    private final EventSubscription subscription;
    private final ContractMessageConverter converter;
    private final Inbox inbox;
    private final EventConsumption consumption;
    private final Senders senders;
    private final MessageObservations observations;
    private final AtomicReference<StuckEvent> stuck = new AtomicReference<>();

    EventListener(
            EventSubscription subscription,
            ContractMessageConverter converter,
            Inbox inbox,
            EventConsumption consumption,
            Senders senders,
            MessageObservations observations) {
        this.subscription = subscription;
        this.converter = converter;
        this.inbox = inbox;
        this.consumption = consumption;
        this.senders = senders;
        this.observations = observations;
    }

    /** Outcome tags of {@link MessageObservations#EVENTS}. */
    static final String APPLIED = "applied";

    static final String DUPLICATE = "duplicate";
    static final String RETRIED = "retried";
    static final String DEAD_LETTERED = "dead_lettered";

    @Override
    public void onMessage(Message message) {
        Observation observation = observations
                .eventTaken(queue(), type(message), message.getMessageProperties())
                .start();
        String outcome = RETRIED;
        try (Observation.Scope scope = observation.openScope()) {
            outcome = take(message) ? APPLIED : DUPLICATE;
        } catch (AmqpRejectAndDontRequeueException e) {
            outcome = DEAD_LETTERED;
            throw e;
        } finally {
            MessageObservations.stop(observation, outcome);
        }
    }

    /** @return whether the event was applied now (false: it had been before) */
    private boolean take(Message message) {
        Event event;
        Consumer<Event> handler;
        try {
            event = accepted(message);
            handler = handlerOf(event, message);
        } catch (Unacceptable e) {
            stuck.set(null);
            log.error("{} dead-letters a {} message: {}", queue(), loggedType(message), e.getMessage());
            throw new AmqpRejectAndDontRequeueException(e.getMessage(), e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = applyOnce(event, handler);
                stuck.set(null);
                return applied;
            } catch (TooOld e) {
                stuck.set(null);
                log.error(
                        "{} dead-letters event {} ({}): {}",
                        queue(),
                        event.eventId(),
                        loggedType(message),
                        e.getMessage());
                throw new AmqpRejectAndDontRequeueException(e.getMessage());
            } catch (RuntimeException e) {
                if (attempt < consumption.maxAttempts()) {
                    log.warn("{} attempt {} at event {} failed: {}", queue(), attempt, event.eventId(), e.toString());
                    pause(consumption.pauseAfterAttempt(attempt));
                } else if (subscription.inOrder()) {
                    throw stuckAt(event, type(message), e);
                } else if (Outages.isOutage(e)) {
                    log.warn("{} puts event {} back: {}", queue(), event.eventId(), e.toString());
                    pause(consumption.pauseAfterRound(1));
                    throw new TransientFailure(e);
                } else {
                    log.error(
                            "{} dead-letters event {} ({}) after {} attempts",
                            queue(),
                            event.eventId(),
                            type(message),
                            attempt,
                            e);
                    throw new AmqpRejectAndDontRequeueException("gave up on event " + event.eventId(), e);
                }
            }
        }
    }

    /**
     * An in-order subscription's event failed a whole round of attempts: it is put back (after a
     * pause that grows with each round, up to the cap) and tried again, never skipped.
     */
    private TransientFailure stuckAt(Event event, String type, RuntimeException failure) {
        int attempts = consumption.maxAttempts();
        StuckEvent now = stuck.updateAndGet(
                current -> current != null && current.eventId().equals(event.eventId())
                        ? current.failedAgain(attempts, failure)
                        : new StuckEvent(event.eventId(), type, Instant.now(), attempts, failure.toString()));
        Duration pause = consumption.pauseAfterRound(now.attempts() / attempts);
        if (Outages.isOutage(failure)) {
            log.warn("{} puts event {} back: {}", queue(), event.eventId(), failure.toString());
        } else {
            log.error(
                    "{} is stuck at event {} ({}): {} attempts failed since {}; it applies no later event until this"
                            + " one succeeds, and tries it again in {}",
                    queue(),
                    event.eventId(),
                    type,
                    now.attempts(),
                    now.since(),
                    pause,
                    failure);
        }
        pause(pause);
        return new TransientFailure(failure);
    }

    /** The event this subscription is stuck at, if its last round of attempts failed. */
    Optional<StuckEvent> stuck() {
        return Optional.ofNullable(stuck.get());
    }

    /**
     * Applies a message taken from the dead-letter queue, once and with one attempt, with the same
     * checks as a delivery: false if it still cannot be applied (it stays a dead letter).
     *
     * @return whether it is done with: applied now, or applied before
     */
    boolean replay(Message message) {
        try {
            Event event = accepted(message);
            applyOnce(event, handlerOf(event, message));
            return true;
        } catch (RuntimeException e) {
            log.warn(
                    "{} leaves a dead letter ({}) where it was: {}",
                    queue(),
                    type(message),
                    e instanceof Unacceptable || e instanceof TooOld ? e.getMessage() : e.toString());
            return false;
        }
    }

    String queue() {
        return subscription.queue();
    }

    boolean inOrder() {
        return subscription.inOrder();
    }

    private boolean applyOnce(Event event, Consumer<Event> handler) {
        return inbox.applyOnce(queue(), event.eventId(), () -> {
            // checked only once the id is recorded as new: a copy of an event applied (and remembered) is skipped
            // anyway
            if (consumption.tooOld(event.occurredAt(), Instant.now())) {
                throw new TooOld("it occurred at " + event.occurredAt() + ", more than " + consumption.maxEventAge()
                        + " ago: it may have been applied already and forgotten since, so it is not applied");
            }
            handler.accept(event);
        });
    }

    /** The event in {@code message}, if its sender may send it and it can be read at all. */
    private Event accepted(Message message) {
        String sender = message.getMessageProperties().getReceivedUserId();
        senders.refusesEvent(sender, type(message)).ifPresent(refused -> {
            throw new Unacceptable("sender " + sender + " refused: " + refused, null);
        });
        try {
            if (converter.fromMessage(message) instanceof Event event) {
                return event;
            }
        } catch (MessageConversionException e) {
            throw new Unacceptable("unreadable: " + e.getMessage(), e);
        }
        throw new Unacceptable("not an event", null);
    }

    private Consumer<Event> handlerOf(Event event, Message message) {
        Consumer<Event> handler = subscription.handler(event.getClass());
        if (handler == null) {
            throw new Unacceptable("no handler for " + loggedType(message) + " here", null);
        }
        return handler;
    }

    /** A message nobody can apply: not from its owner, unreadable, or of a type not handled here. */
    private static final class Unacceptable extends RuntimeException {
        Unacceptable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Rethrown so that the container requeues the message (it is not rejected to the DLQ). */
    static final class TransientFailure extends RuntimeException {
        TransientFailure(Throwable cause) {
            super(cause);
        }
    }

    /** Thrown inside the inbox's transaction, so that the id recorded for an event too old is rolled back. */
    private static final class TooOld extends RuntimeException {
        TooOld(String message) {
            super(message);
        }
    }

    private static String type(Message message) {
        return message.getMessageProperties().getType();
    }

    /** The type as a log line may show it: the sender chose it. */
    private static String loggedType(Message message) {
        return Untrusted.quoted(type(message));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // shutting down: leave the event to be redelivered, not dead-lettered
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
