package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** A user's posts, replies and reposts, newest first. @param callerId null for an anonymous caller */
@MessageType("post.get-user-posts")
public record GetUserPostsRequest(UUID callerId, UUID userId, int limit, String cursor) {}
