package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * {@code muterId} no longer mutes {@code mutedId} (published only when it did).
 * {@code pairVersion}: the pair's change count of this kind (blocks and mutes count apart,
 * {@link FollowEvents}).
 */
@MessageType("user.unmuted")
public record UserUnmuted(UUID eventId, Instant occurredAt, int version, UUID muterId, UUID mutedId, long pairVersion)
        implements Event {}
