package social.contract.follow;

import java.util.UUID;

import social.contract.MessageType;

/** Whom the caller blocks, newest block first. Answers a {@link FollowPage}. */
@MessageType("follow.get-blocks")
public record GetBlocksRequest(UUID callerId, int limit, String cursor) {}
