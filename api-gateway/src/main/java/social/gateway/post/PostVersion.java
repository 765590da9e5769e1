package social.gateway.post;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** One version of a post's content: what it said, and since when. */
@Schema(name = "PostVersion", description = "One version of a post's content and when it was written")
record PostVersion(@Schema(minLength = 1, maxLength = 280) String content, Instant createdAt) {}
