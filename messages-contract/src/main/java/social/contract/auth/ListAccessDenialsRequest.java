package social.contract.auth;

import java.time.Instant;

import social.contract.MessageType;

/**
 * A gateway asks for the access denials still live (issue 23): what {@code auth.login-ended} and
 * {@code user.deleted} told it, for when it may have missed some (its queue was lost). Only those
 * that began at or after {@code since} (null: all that are still live).
 */
@MessageType("auth.list-access-denials")
public record ListAccessDenialsRequest(Instant since) {}
