package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/** {@code followerId} no longer follows {@code followeeId} (published only when it did). */
@MessageType("user.unfollowed")
public record UserUnfollowed(UUID eventId, Instant occurredAt, int version, UUID followerId, UUID followeeId)
        implements Event {}
