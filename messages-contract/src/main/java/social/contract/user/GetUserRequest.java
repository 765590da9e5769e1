package social.contract.user;

import java.util.UUID;

import social.contract.MessageType;

@MessageType("user.get")
public record GetUserRequest(UUID userId) {}
