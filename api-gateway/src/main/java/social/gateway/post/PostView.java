package social.gateway.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import social.contract.user.UserSummary;

/** The API's Post: post-service's post with its author's summary and its likes. */
@Schema(name = "Post", description = "A post, reply, quote or repost")
public record PostView(
        UUID id,
        UserSummary author,

        @Schema(description = "empty for a repost; may hold line feeds", maxLength = 280)
        String content,

        Instant createdAt,

        @Schema(
                description = "the post it answers, null unless a reply (it stays when that post is deleted)",
                nullable = true)
        UUID replyToId,

        @Schema(description = "the original Post of a repost, else null", nullable = true)
        PostView repostOf,

        @Schema(minimum = "0") long likeCount,
        @Schema(minimum = "0") long replyCount,
        @Schema(minimum = "0") long repostCount,
        @Schema(description = "false for anonymous callers") boolean likedByMe,
        @Schema(description = "false for anonymous callers") boolean repostedByMe,

        @ArraySchema(
                arraySchema = @Schema(description = "its tags: lower case, without '#', in order of first appearance"),
                schema = @Schema(minLength = 1, maxLength = 50))
        List<String> hashtags,

        @Schema(
                description = "the Post it quotes (shown one level deep: its own quoteOf is null), or null: not a"
                        + " quote, the quoted post was deleted, or its author and the caller block one another",
                nullable = true)
        PostView quoteOf,

        @Schema(minimum = "0") long quoteCount,

        @Schema(description = "when its content last changed, or null if it never did", nullable = true)
        Instant editedAt,

        @Schema(description = "false for anonymous callers") boolean bookmarkedByMe) {}
