package social.contract.post;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * A post is gone: deleted by its author, or a repost undone, or a repost removed with its
 * original (each such repost gets its own event).
 */
@MessageType("post.deleted")
public record PostDeleted(
        UUID eventId, Instant occurredAt, int version, UUID postId, UUID authorId, UUID replyToId, UUID repostOfId)
        implements Event {}
