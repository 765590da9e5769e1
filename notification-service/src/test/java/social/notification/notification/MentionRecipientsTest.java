package social.notification.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MentionRecipientsTest {
    final UUID author = UUID.randomUUID();
    final UUID parentAuthor = UUID.randomUUID();
    final UUID quotedAuthor = UUID.randomUUID();
    final UUID other = UUID.randomUUID();

    @Test
    void theAuthorIsNeverNotifiedOfMentioningThemselves() {
        assertThat(Notifications.mentionRecipients(author, List.of(author, other), null, null))
                .containsExactly(other);
    }

    @Test
    void theRepliedToAuthorGetsTheReplyNotANotificationMore() {
        assertThat(Notifications.mentionRecipients(author, List.of(parentAuthor, other, other), parentAuthor, null))
                .containsExactly(other);
    }

    @Test
    void theQuotedAuthorGetsTheQuoteNotANotificationMore() {
        assertThat(Notifications.mentionRecipients(author, List.of(quotedAuthor, other), null, quotedAuthor))
                .containsExactly(other);
    }

    @Test
    void inAPostThatIsNoReplyNorQuoteEveryoneMentionedButTheAuthorIsNotified() {
        assertThat(Notifications.mentionRecipients(author, List.of(parentAuthor, other), null, null))
                .containsExactlyInAnyOrder(parentAuthor, other);
    }
}
