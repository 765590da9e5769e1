package social.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MentionsTest {

    @Test
    void mentionsAreLowerCaseWithoutTheAtSignEachOnceInOrder() {
        assertThat(Mentions.in("hi @Bob_1 and @alice, also @BOB_1!")).containsExactly("bob_1", "alice");
    }

    @Test
    void emailAddressesTooShortOrTooLongNamesAreNoMentions() {
        assertThat(Mentions.in("mail me@example.com or @ab or @" + "x".repeat(31) + " or @@double"))
                .isEmpty();
    }

    @Test
    void aMentionMayStandAtTheStartOrEndAndNextToPunctuation() {
        assertThat(Mentions.in("@first (@second) @third")).containsExactly("first", "second", "third");
    }
}
