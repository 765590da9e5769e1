package social.contract.user;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * What others show of a user (its {@link UserSummary}) changed: published only when the display
 * name did, since a bio change shows nowhere but the profile itself. Carries the new summary, so
 * that copies of it can be refreshed without asking back.
 */
@MessageType("user.profile-updated")
public record UserProfileUpdated(
        UUID eventId, Instant occurredAt, int version, UUID userId, String username, String displayName)
        implements Event {}
