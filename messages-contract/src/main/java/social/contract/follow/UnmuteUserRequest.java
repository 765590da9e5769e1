package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Stop muting {@code userId}; idempotent. Answers the {@link Relationship}. */
@MessageType("follow.unmute")
public record UnmuteUserRequest(UUID callerId, UUID userId) {}
