package social.contract.post;

import java.time.Instant;
import java.util.List;

import social.contract.MessageType;

/** The answer to {@link GetPostHistoryRequest}: the versions of a post's content, oldest first. */
@MessageType("post.history")
public record PostHistory(List<Version> versions) {
    public PostHistory {
        versions = List.copyOf(versions);
    }

    /** One version: its content and when it was written (the post's creation, or an edit). */
    public record Version(String content, Instant createdAt) {}
}
