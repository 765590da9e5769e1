package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/**
 * Publish a post or, with {@code replyToId}, a reply or, with {@code quoteOfId}, a quote (not both).
 *
 * @param callerId       the author, set by the gateway from the access token
 * @param idempotencyKey optional: a repeat with the same key answers the first post instead of creating another
 * @param quoteOfId      optional: the post it quotes (a repost's original, if it names a repost)
 */
@MessageType("post.create")
public record CreatePostRequest(UUID callerId, String content, UUID replyToId, String idempotencyKey, UUID quoteOfId) {}
