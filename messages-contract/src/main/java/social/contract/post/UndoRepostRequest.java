package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** Take the caller's repost of a post back, if there is one. Answers {@code Acknowledged}. */
@MessageType("post.undo-repost")
public record UndoRepostRequest(UUID callerId, UUID postId) {}
