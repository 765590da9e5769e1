package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Stop blocking {@code userId}; idempotent. Answers the {@link Relationship}. */
@MessageType("follow.unblock")
public record UnblockUserRequest(UUID callerId, UUID userId) {}
