package social.contract.auth;

import java.time.Instant;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * A login ended before its access tokens expire: the user logged out, or its refresh tokens were
 * revoked because a rotated one was presented again. Every access token of this login (claim
 * {@code sid} = {@code loginId}) issued up to {@code endedAt} is to be refused from now on; the
 * gateways keep that for as long as such a token can live.
 */
@MessageType("auth.login-ended")
public record LoginEnded(UUID eventId, Instant occurredAt, int version, UUID userId, UUID loginId, Instant endedAt)
        implements Event {}
