package social.contract.follow;

import java.time.Instant;
import java.util.UUID;

import social.contract.Erasure;
import social.contract.MessageType;

/** followers-service removed every follow of a deleted account, both ways (each with its own {@code user.unfollowed}). */
@MessageType("follows.erased")
public record FollowsErased(UUID eventId, Instant occurredAt, int version, UUID userId) implements Erasure {}
