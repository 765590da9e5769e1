package social.contract.post;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import social.contract.Event;
import social.contract.MessageType;

/**
 * A post, reply or repost exists. Carries what consumers need without asking back: the author
 * of what it replies to or reposts (for notifications), and the usernames it mentions (lower
 * case, without '@', each once).
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
        List<String> mentionedUsernames)
        implements Event {
    public PostCreated {
        mentionedUsernames = mentionedUsernames == null ? List.of() : List.copyOf(mentionedUsernames);
    }
}
