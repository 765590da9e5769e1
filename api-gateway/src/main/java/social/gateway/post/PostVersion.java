package social.gateway.post;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** One version of a post's content: what it said, and since when. */
@Schema(name = "PostVersion")
record PostVersion(String content, Instant createdAt) {}
