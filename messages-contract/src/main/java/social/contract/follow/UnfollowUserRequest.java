package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Stop following a user; idempotent. Answers {@code Acknowledged}. */
@MessageType("follow.unfollow")
public record UnfollowUserRequest(UUID callerId, UUID followeeId) {}
