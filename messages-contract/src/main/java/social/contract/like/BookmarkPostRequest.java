package social.contract.like;

import java.util.UUID;

import social.contract.MessageType;

/** The caller bookmarks a post (idempotent); bookmarking a repost bookmarks its original, as a like does. */
@MessageType("like.bookmark")
public record BookmarkPostRequest(UUID callerId, UUID postId) {}
