package social.support.events;

import java.time.Duration;
import java.time.Instant;

import social.support.messaging.MessagingProperties;

/**
 * How a subscription's listener retries a failing event, and which events it no longer applies.
 *
 * @param maxAttempts attempts in a row, each after a pause that doubles from {@code backoff}; then
 *                    the event is dead-lettered (an unordered subscription's event that fails by
 *                    itself) or put back and tried again after a longer pause (any other)
 * @param backoff     the pause before the second attempt
 * @param maxBackoff  the longest pause, also between the rounds of attempts of an event put back
 * @param maxEventAge how old an event may be and still be applied: older ones may already have been
 *                    applied and forgotten (processed ids are kept only so long), so they are
 *                    dead-lettered instead
 */
public record EventConsumption(int maxAttempts, Duration backoff, Duration maxBackoff, Duration maxEventAge) {
    public EventConsumption {
        maxAttempts = Math.max(1, maxAttempts);
    }

    public static EventConsumption of(MessagingProperties properties) {
        return new EventConsumption(
                properties.maxDeliveryAttempts(),
                properties.retryBackoff(),
                properties.retryBackoffMax(),
                properties.maxEventAge());
    }

    /** The pause after the {@code attempt}-th failed attempt of a round, before the next one. */
    Duration pauseAfterAttempt(int attempt) {
        return doubled(attempt - 1);
    }

    /**
     * The pause after the {@code round}-th round of attempts at an event failed, before it is put
     * back: doubling on from the pauses within a round, never longer than {@code maxBackoff}.
     */
    Duration pauseAfterRound(int round) {
        return doubled(maxAttempts + round - 1);
    }

    /** Whether an event that occurred at {@code occurredAt} is too old to be applied at {@code now}. */
    boolean tooOld(Instant occurredAt, Instant now) {
        return occurredAt == null || occurredAt.isBefore(now.minus(maxEventAge));
    }

    private Duration doubled(int times) {
        Duration pause = backoff.multipliedBy(1L << Math.min(Math.max(times, 0), 30));
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }
}
