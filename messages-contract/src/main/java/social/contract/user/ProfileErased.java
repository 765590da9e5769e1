package social.contract.user;

import java.time.Instant;
import java.util.UUID;

import social.contract.Erasure;
import social.contract.MessageType;

/** user-service erased the profile (and its pending counters) of a deleted account. */
@MessageType("profile.erased")
public record ProfileErased(UUID eventId, Instant occurredAt, int version, UUID userId) implements Erasure {}
