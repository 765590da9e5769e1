package social.gateway.security;

import java.util.UUID;

/** Who a verified access token says the caller is. */
public record AuthenticatedUser(UUID id, String username) {}
