package social.contract.post;

import social.contract.MessageType;

/**
 * The tags starting with {@code q} (for autocomplete), most posts of the last 7 days first.
 *
 * @param q     1 to 50 letters, digits or underscores, any case, without '#'
 * @param limit 1 to 20; null for the default
 */
@MessageType("post.search-tags")
public record SearchTagsRequest(String q, Integer limit) {}
