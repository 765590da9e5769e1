package social.contract.auth;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * An account was deleted by its owner: every service erases what it holds of {@code userId} and
 * answers with its {@link social.contract.Erasure}; every gateway refuses its access tokens issued
 * up to {@code deletedAt}. {@code username} (lower case) is there for what names the account only
 * by its name (the mentions of it).
 */
@MessageType("user.deleted")
public record UserDeleted(
        UUID eventId, Instant occurredAt, int version, UUID userId, String username, Instant deletedAt)
        implements Event {}
