package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * {@code followerId} now follows {@code followeeId} (published only when that is new);
 * {@code notifyEnabled}: the follower wants NEW_POST notifications.
 * {@code pairVersion}: the pair's change count ({@link FollowEvents}).
 */
@MessageType("user.followed")
public record UserFollowed(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID followerId,
        UUID followeeId,
        boolean notifyEnabled,
        Long pairVersion)
        implements Event {
    public UserFollowed {
        pairVersion = pairVersion == null ? 0L : pairVersion;
    }
}
