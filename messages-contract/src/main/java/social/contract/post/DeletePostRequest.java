package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** Delete a post of the caller's own (with its reposts; replies stay). Answers {@code Acknowledged}. */
@MessageType("post.delete")
public record DeletePostRequest(UUID callerId, UUID postId) {}
