package social.contract.follow;

import social.contract.MessageType;

/**
 * How the caller and another user stand, from the caller's side (the API's Relationship shape).
 * {@code blocking}: the caller blocks the other; {@code blockedBy}: the other blocks the caller;
 * {@code muting}: the caller mutes the other (whether the other mutes the caller is never told).
 */
@MessageType("follow.relationship")
public record Relationship(
        boolean following,
        boolean followedBy,
        boolean notifyEnabled,
        boolean blocking,
        boolean blockedBy,
        boolean muting) {}
