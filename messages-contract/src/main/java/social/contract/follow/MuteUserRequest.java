package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Mute {@code userId} (only the caller's view changes); idempotent. Answers the {@link Relationship}. */
@MessageType("follow.mute")
public record MuteUserRequest(UUID callerId, UUID userId) {}
