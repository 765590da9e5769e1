package social.contract.like;

import java.util.UUID;

import social.contract.MessageType;

/** Who liked a post, newest like first. */
@MessageType("like.get-likers")
public record GetLikersRequest(UUID postId, int limit, String cursor) {}
