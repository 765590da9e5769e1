package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Whom {@code userId} follows, newest follow first. Answers a {@link FollowPage}. */
@MessageType("follow.get-following")
public record GetFollowingRequest(UUID userId, int limit, String cursor) {}
