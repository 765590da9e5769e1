package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * {@code blockerId} now blocks {@code blockedId} (published only when it did not); the follows between them ended in the same transaction, each with its own {@link UserUnfollowed}.
 * {@code pairVersion}: the pair's change count of this kind (blocks and mutes count apart,
 * {@link FollowEvents}).
 */
@MessageType("user.blocked")
public record UserBlocked(
        UUID eventId, Instant occurredAt, int version, UUID blockerId, UUID blockedId, long pairVersion)
        implements Event {}
