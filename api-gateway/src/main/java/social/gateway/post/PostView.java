package social.gateway.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import social.contract.user.UserSummary;

/** The API's Post: post-service's post with its author's summary and its likes. */
@Schema(name = "Post")
public record PostView(
        UUID id,
        UserSummary author,
        String content,
        Instant createdAt,
        UUID replyToId,

        @Schema(description = "the original Post of a repost, else null")
        PostView repostOf,

        long likeCount,
        long replyCount,
        long repostCount,
        boolean likedByMe,
        boolean repostedByMe,

        @Schema(description = "its tags: lower case, without '#', in order of first appearance")
        List<String> hashtags,

        @Schema(
                description = "the Post it quotes (shown one level deep: its own quoteOf is null), or null: not a"
                        + " quote, or the quoted post was deleted")
        PostView quoteOf,

        long quoteCount,

        @Schema(description = "when its content last changed, or null if it never did")
        Instant editedAt,

        boolean bookmarkedByMe) {}
