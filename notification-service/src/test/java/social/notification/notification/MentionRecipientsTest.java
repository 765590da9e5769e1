package social.notification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import social.contract.post.PostCreated;

class MentionRecipientsTest {
    final UUID author = UUID.randomUUID();
    final UUID parentAuthor = UUID.randomUUID();
    final UUID other = UUID.randomUUID();

    PostCreated post(UUID replyTo, UUID replyToAuthor) {
        return new PostCreated(
                UUID.randomUUID(),
                Instant.now(),
                1,
                UUID.randomUUID(),
                author,
                "hi",
                Instant.now(),
                replyTo,
                replyToAuthor,
                null,
                null,
                List.of(),
                List.of());
    }

    @Test
    void theAuthorIsNeverNotifiedOfMentioningThemselves() {
        assertThat(Notifications.mentionRecipients(post(null, null), List.of(author, other)))
                .containsExactly(other);
    }

    @Test
    void theRepliedToAuthorGetsTheReplyNotANotificationMore() {
        assertThat(Notifications.mentionRecipients(
                        post(UUID.randomUUID(), parentAuthor), List.of(parentAuthor, other, other)))
                .containsExactly(other);
    }

    @Test
    void inAPostThatIsNoReplyEveryoneMentionedButTheAuthorIsNotified() {
        assertThat(Notifications.mentionRecipients(post(null, null), List.of(parentAuthor, other)))
                .containsExactlyInAnyOrder(parentAuthor, other);
    }
}
