package social.contract.like;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/** {@code likerId} took a like back (published only when there was one). */
@MessageType("like.removed")
public record LikeRemoved(UUID eventId, Instant occurredAt, int version, UUID postId, UUID postAuthorId, UUID likerId)
        implements Event {}
