package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/**
 * Change the content of one of the caller's posts (not a repost): the same rules as a new post.
 * Answers the post as it is now; {@code created} is false.
 */
@MessageType("post.edit")
public record EditPostRequest(UUID callerId, UUID postId, String content) {}
