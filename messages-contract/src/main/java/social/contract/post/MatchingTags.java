package social.contract.post;

import java.util.List;

import social.contract.MessageType;

/** The answer to {@link SearchTagsRequest}: per tag, its posts and authors of the last 7 days. */
@MessageType("post.matching-tags")
public record MatchingTags(List<TagCount> tags) {
    public MatchingTags {
        tags = List.copyOf(tags);
    }
}
