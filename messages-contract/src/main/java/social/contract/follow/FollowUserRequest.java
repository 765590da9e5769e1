package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/**
 * Follow a user; idempotent. Answers the {@link Relationship}.
 *
 * @param notifyEnabled null: false for a new follow, unchanged for an existing one
 */
@MessageType("follow.follow")
public record FollowUserRequest(UUID callerId, UUID followeeId, Boolean notifyEnabled) {}
