package social.contract.auth;

import java.time.Instant;
import java.util.UUID;

import social.contract.MessageType;

/** Whom a redeemed stream ticket was issued to, as {@link IssueStreamTicketRequest} named them. */
@MessageType("auth.stream-ticket-holder")
public record StreamTicketHolder(UUID userId, String username, UUID loginId, Instant tokenExpiresAt) {}
