package social.contract.like;

import java.util.UUID;

import social.contract.MessageType;

/** The caller takes their like of a post back (idempotent). */
@MessageType("like.remove")
public record UnlikePostRequest(UUID callerId, UUID postId) {}
