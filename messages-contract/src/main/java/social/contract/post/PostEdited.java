package social.contract.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * A post's content changed. Carries the post as it is now, as {@link PostCreated} does: its
 * mentions and hashtags (all of them, not only the new ones: a consumer that keeps a copy
 * replaces it; notification-service notifies each mentioned user once per post whatever the
 * version), and who already heard of the post another way (the authors it replies to and quotes,
 * who get no MENTION on top).
 */
@MessageType("post.edited")
public record PostEdited(
        UUID eventId,
        Instant occurredAt,
        int version,
        UUID postId,
        UUID authorId,
        String content,
        Instant editedAt,
        UUID replyToId,
        UUID replyToAuthorId,
        UUID quoteOfId,
        UUID quoteOfAuthorId,
        List<String> mentionedUsernames,
        List<String> hashtags)
        implements Event {
    public PostEdited {
        mentionedUsernames = mentionedUsernames == null ? List.of() : List.copyOf(mentionedUsernames);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
    }
}
