package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

@MessageType("follow.get-relationship")
public record GetRelationshipRequest(UUID callerId, UUID userId) {}
