package social.contract.post;

import java.util.List;

import social.contract.MessageType;

/** The answer to {@link GetTrendingTagsRequest}, in trending order. */
@MessageType("post.trending-tags")
public record TrendingTags(List<TagCount> tags) {
    public TrendingTags {
        tags = List.copyOf(tags);
    }
}
