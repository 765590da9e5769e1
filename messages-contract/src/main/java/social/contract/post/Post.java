package social.contract.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post as post-service knows it: without author names or likes, which the gateway adds from
 * their owners. {@code repostOf} is the original of a repost (content then is ""), else null.
 *
 * @param repostedByMe whether the caller reposted this post (for a repost: its original); false for anonymous callers
 * @param hashtags     the tags of its content, lower case, without '#', in order of first appearance
 * @param quoteOf      the post it quotes, shown one level deep (its own quoteOf is null); null if it quotes
 *                     nothing or the quoted post was deleted
 * @param quoteCount   how many posts quote it
 * @param editedAt     when its content last changed; null if it never did
 */
public record Post(
        UUID id,
        UUID authorId,
        String content,
        Instant createdAt,
        UUID replyToId,
        Post repostOf,
        long replyCount,
        long repostCount,
        boolean repostedByMe,
        List<String> hashtags,
        Post quoteOf,
        long quoteCount,
        Instant editedAt) {
    public Post {
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }
}
