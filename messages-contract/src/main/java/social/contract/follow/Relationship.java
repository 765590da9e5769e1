package social.contract.follow;

import social.contract.MessageType;

/** How the caller and another user stand, from the caller's side (the API's Relationship shape). */
@MessageType("follow.relationship")
public record Relationship(boolean following, boolean followedBy, boolean notifyEnabled) {}
