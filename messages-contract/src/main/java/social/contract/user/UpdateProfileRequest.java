package social.contract.user;

import java.util.UUID;

import social.contract.MessageType;

/**
 * Change the caller's own profile; a null field is left as it is.
 *
 * @param callerId the authenticated user, set by the gateway from the access token
 */
@MessageType("user.update-profile")
public record UpdateProfileRequest(UUID callerId, String displayName, String bio) {}
