package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** The posts quoting a post, newest first. @param callerId null for an anonymous caller */
@MessageType("post.get-quotes")
public record GetQuotesRequest(UUID callerId, UUID postId, int limit, String cursor) {}
