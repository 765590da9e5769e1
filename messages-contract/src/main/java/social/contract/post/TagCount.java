package social.contract.post;

/** How much a hashtag was used in a window: by how many posts and how many distinct authors. */
public record TagCount(String tag, long posts, long authors) {}
