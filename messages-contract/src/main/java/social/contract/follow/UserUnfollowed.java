package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * {@code followerId} no longer follows {@code followeeId} (published only when it did).
 * {@code pairVersion}: the pair's change count ({@link FollowEvents}).
 */
@MessageType("user.unfollowed")
public record UserUnfollowed(
        UUID eventId, Instant occurredAt, int version, UUID followerId, UUID followeeId, Long pairVersion)
        implements Event {
    public UserUnfollowed {
        pairVersion = pairVersion == null ? 0L : pairVersion;
    }
}
