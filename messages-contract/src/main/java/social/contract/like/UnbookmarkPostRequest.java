package social.contract.like;

import java.util.UUID;

import social.contract.MessageType;

/** The caller removes their bookmark of a post (idempotent). */
@MessageType("like.unbookmark")
public record UnbookmarkPostRequest(UUID callerId, UUID postId) {}
