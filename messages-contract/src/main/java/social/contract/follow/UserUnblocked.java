package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * {@code blockerId} no longer blocks {@code blockedId} (published only when it did).
 * {@code pairVersion}: the pair's change count of this kind (blocks and mutes count apart,
 * {@link FollowEvents}).
 */
@MessageType("user.unblocked")
public record UserUnblocked(
        UUID eventId, Instant occurredAt, int version, UUID blockerId, UUID blockedId, long pairVersion)
        implements Event {}
