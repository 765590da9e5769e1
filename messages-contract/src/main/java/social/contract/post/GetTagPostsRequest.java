package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/**
 * The posts carrying a hashtag, newest first (posts and replies, never reposts).
 *
 * @param tag      the tag as a client wrote it: any case, without '#'
 * @param callerId null for an anonymous caller
 */
@MessageType("post.get-tag-posts")
public record GetTagPostsRequest(UUID callerId, String tag, int limit, String cursor) {}
