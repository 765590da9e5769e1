package social.contract.post;

import java.util.UUID;

import social.contract.MessageType;

/**
 * The posts matching a search, newest first (posts and replies, never reposts).
 *
 * @param query    1-100 characters: words (all must match, by their stems), {@code #tag} and
 *                 {@code @username} terms (the post carries the tag, mentions the user)
 * @param callerId null for an anonymous caller
 */
@MessageType("post.search")
public record SearchPostsRequest(UUID callerId, String query, int limit, String cursor) {}
