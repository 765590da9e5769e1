package social.contract.post;

import social.contract.MessageType;

/**
 * The tags most used in a recent window: most distinct authors first, then most posts.
 *
 * @param window {@code 1h}, {@code 24h} or {@code 7d}; null for the default (24h)
 * @param limit  1 to 20; null for the default
 */
@MessageType("post.get-trending-tags")
public record GetTrendingTagsRequest(String window, Integer limit) {}
