package social.contract.post;

import java.time.Instant;
import java.util.UUID;

/**
 * A post as post-service knows it: without author names or likes, which the gateway adds from
 * their owners. {@code repostOf} is the original of a repost (content then is ""), else null.
 *
 * @param repostedByMe whether the caller reposted this post (for a repost: its original); false for anonymous callers
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
        boolean repostedByMe) {}
