package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/** The caller's own posts and reposts and those of everyone they follow, newest first. */
@MessageType("post.get-home-timeline")
public record GetHomeTimelineRequest(UUID callerId, int limit, String cursor) {}
