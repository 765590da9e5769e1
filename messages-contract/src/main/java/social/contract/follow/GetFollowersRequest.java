package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Who follows {@code userId}, newest follow first. Answers a {@link FollowPage}. */
@MessageType("follow.get-followers")
public record GetFollowersRequest(UUID userId, int limit, String cursor) {}
