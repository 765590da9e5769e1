package social.contract.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * A post, reply, quote or repost exists. Carries what consumers need without asking back: the
 * author of what it replies to, quotes or reposts (for notifications), the usernames it mentions and its
 * hashtags (each lower case, without '@' or '#', once, in order of first appearance).
 */
@MessageType("post.created")
public record PostCreated(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID postId,
        UUID authorId,
        String content,
        Instant createdAt,
        UUID replyToId,
        UUID replyToAuthorId,
        UUID repostOfId,
        UUID repostOfAuthorId,
        List<String> mentionedUsernames,
        List<String> hashtags,
        UUID quoteOfId,
        UUID quoteOfAuthorId)
        implements Event {
    public PostCreated {
        mentionedUsernames = mentionedUsernames == null ? List.of() : List.copyOf(mentionedUsernames);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }
}
