package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * The follower switched "notify me about new posts" on or off for one followee.
 * {@code pairVersion}: the pair's change count ({@link FollowEvents}).
 */
@MessageType("follow.notify-changed")
public record FollowNotifyChanged(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID followerId,
        UUID followeeId,
        boolean notifyEnabled,
        Long pairVersion)
        implements Event {
    public FollowNotifyChanged {
        pairVersion = pairVersion == null ? 0L : pairVersion;
    }
}
