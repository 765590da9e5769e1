package social.support.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The event at the head of an in-order subscription that keeps failing: the subscription applies
 * nothing after it until it succeeds (it is neither skipped nor dead-lettered), so someone has to fix
 * what makes it fail.
 *
 * @param since       when its first round of attempts failed
 * @param attempts    how often it was tried
 * @param lastFailure what the last attempt failed with
 */
public record StuckEvent(UUID eventId, String type, Instant since, int attempts, String lastFailure) {

    /** How long the subscription has been stuck at {@code now}. */
    public Duration stuckFor(Instant now) {
        Duration stuck = Duration.between(since, now);
        return stuck.isNegative() ? Duration.ZERO : stuck;
    }

    StuckEvent failedAgain(int moreAttempts, RuntimeException failure) {
        return new StuckEvent(eventId, type, since, attempts + moreAttempts, failure.toString());
    }
}
