package social.contract.like;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/** {@code likerId} liked a post (published only when the like is new). */
@MessageType("like.added")
public record LikeAdded(UUID eventId, Instant occurredAt, int version, UUID postId, UUID postAuthorId, UUID likerId)
        implements Event {}
