package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Block {@code userId} (the caller's follows with them both ways end); idempotent. Answers the {@link Relationship}. */
@MessageType("follow.block")
public record BlockUserRequest(UUID callerId, UUID userId) {}
