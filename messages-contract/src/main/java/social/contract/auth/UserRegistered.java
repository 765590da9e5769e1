package social.contract.auth;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/** A new account exists; user-service creates its profile from this if it has not yet. */
@MessageType("user.registered")
public record UserRegistered(
        UUID eventId, Instant occurredAt, int version, UUID userId, String username, String displayName)
        implements Event {}
