package social.contract.post;

import java.time.Instant;
import java.util.List;

import social.contract.MessageType;

/**
 * The answer to {@link GetPostHistoryRequest}: a page of the versions of a post's content, oldest
 * first; {@code nextCursor} is null on the last page.
 */
@MessageType("post.history")
public record PostHistory(List<Version> versions, String nextCursor) {
    public PostHistory {
        versions = List.copyOf(versions);
    }

    /** One version: its content and when it was written (the post's creation, or an edit). */
    public record Version(String content, Instant createdAt) {}
}
