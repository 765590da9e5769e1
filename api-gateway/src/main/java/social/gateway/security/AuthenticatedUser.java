package social.gateway.security;

import java.time.Instant;
import java.util.UUID;

/**
 * Who a verified access token says the caller is.
 *
 * @param tokenExpiresAt when the token that says so expires (a notification stream ends then)
 * @param loginId        the login the token belongs to (null for tokens that do not name it); a
 *                       stream ends when that login does
 */
public record AuthenticatedUser(UUID id, String username, Instant tokenExpiresAt, UUID loginId) {}
