package social.contract.like;

import java.time.Instant;
import java.util.UUID;

import social.contract.Erasure;
import social.contract.MessageType;

/** like-service removed the likes and bookmarks of a deleted account, the like counts corrected. */
@MessageType("likes.erased")
public record LikesErased(UUID eventId, Instant occurredAt, int version, UUID userId) implements Erasure {}
