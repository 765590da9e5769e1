package social.contract.like;

import java.util.UUID;

import social.contract.MessageType;

/** The caller likes a post (idempotent); liking a repost likes its original. */
@MessageType("like.add")
public record LikePostRequest(UUID callerId, UUID postId) {}
