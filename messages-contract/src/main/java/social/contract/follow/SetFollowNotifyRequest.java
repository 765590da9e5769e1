package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Switch NEW_POST notifications about a followee on or off; not found unless following. Answers the {@link Relationship}. */
@MessageType("follow.set-notify")
public record SetFollowNotifyRequest(UUID callerId, UUID followeeId, boolean enabled) {}
