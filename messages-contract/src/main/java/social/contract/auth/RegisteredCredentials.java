package social.contract.auth;

import java.util.UUID;

import social.contract.MessageType;

@MessageType("auth.registered-reply")
public record RegisteredCredentials(UUID userId, String username, String displayName) {}
