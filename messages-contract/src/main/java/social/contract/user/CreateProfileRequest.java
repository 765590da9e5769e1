package social.contract.user;

import java.util.UUID;

import social.contract.MessageType;

/** Create the profile of a just-registered user; idempotent, answers the profile. */
@MessageType("user.create-profile")
public record CreateProfileRequest(UUID userId, String username, String displayName) {}
