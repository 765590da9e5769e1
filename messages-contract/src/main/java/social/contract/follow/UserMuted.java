package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * {@code muterId} now mutes {@code mutedId} (published only when it did not).
 * {@code pairVersion}: the pair's change count of this kind (blocks and mutes count apart,
 * {@link FollowEvents}).
 */
@MessageType("user.muted")
public record UserMuted(UUID eventId, Instant occurredAt, int version, UUID muterId, UUID mutedId, long pairVersion)
        implements Event {}
