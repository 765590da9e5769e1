package social.contract.auth;

import java.time.Instant;
import java.util.UUID;

import social.contract.MessageType;

/**
 * Ask for a single-use ticket that opens the caller's notification stream through any gateway
 * instance (a browser's EventSource cannot send an access token but in its URL).
 *
 * @param callerId       the authenticated user, set by the gateway from the access token
 * @param username       the caller's username, from the same token
 * @param loginId        the login the access token belongs to (null for a token that names none): the
 *                       stream ends when it does
 * @param tokenExpiresAt when that access token expires: the stream ends then
 */
@MessageType("auth.issue-stream-ticket")
public record IssueStreamTicketRequest(UUID callerId, String username, UUID loginId, Instant tokenExpiresAt) {}
