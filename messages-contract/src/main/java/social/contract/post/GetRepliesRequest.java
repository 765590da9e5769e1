package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** The replies to a post, oldest first. @param callerId null for an anonymous caller */
@MessageType("post.get-replies")
public record GetRepliesRequest(UUID callerId, UUID postId, int limit, String cursor) {}
