package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Whom the caller mutes, newest mute first. Answers a {@link FollowPage}. */
@MessageType("follow.get-mutes")
public record GetMutesRequest(UUID callerId, int limit, String cursor) {}
