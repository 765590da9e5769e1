package social.post.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostTextTest {

    @Test
    void hashtagsAreLowerCaseWithoutTheHashEachOnceInOrderOfFirstAppearance() {
        assertThat(PostText.hashtags("#Java and #spring, then #JAVA again #a_b"))
                .containsExactly("java", "spring", "a_b");
    }

    @Test
    void lettersOfAnyScriptCount() {
        assertThat(PostText.hashtags("#café #日本 #Ελλάδα #Straße #हिन्दी"))
                .containsExactly("café", "日本", "ελλάδα", "straße", "हिन्दी");
    }

    @Test
    void aTagOfOnlyDigitsIsNoTagButDigitsWithLettersAre() {
        assertThat(PostText.hashtags("#123 #１２３ #2026worldcup #_1")).containsExactly("2026worldcup", "_1");
    }

    @Test
    void fiftyCharactersAreATagAndFiftyOneAreNone() {
        String fifty = "a".repeat(50);
        assertThat(PostText.hashtags("#" + fifty)).containsExactly(fifty);
        assertThat(PostText.hashtags("#" + fifty + "b")).isEmpty();
        // counted in code points: 50 letters outside the BMP are a tag too
        String gothic = "\uD800\uDF30".repeat(50);
        assertThat(PostText.hashtags("#" + gothic)).containsExactly(gothic);
    }

    @Test
    void aHashInsideAWordOrAfterAnotherHashStartsNoTag() {
        assertThat(PostText.hashtags("foo#bar ##double #-dash # alone")).isEmpty();
    }

    @Test
    void aTagEndsAtPunctuationAndMayStandAtEitherEnd() {
        assertThat(PostText.hashtags("#first (#second), #third.")).containsExactly("first", "second", "third");
    }

    @Test
    void mentionsAreLowerCaseWithoutTheAtSignEachOnceInOrder() {
        assertThat(PostText.mentions("hi @Bob_1 and @alice, also @BOB_1!")).containsExactly("bob_1", "alice");
    }

    @Test
    void emailAddressesTooShortOrTooLongNamesAreNoMentions() {
        assertThat(PostText.mentions("mail me@example.com or @ab or @" + "x".repeat(31) + " or @@double"))
                .isEmpty();
    }

    @Test
    void aMentionMayStandAtTheStartOrEndAndNextToPunctuation() {
        assertThat(PostText.mentions("@first (@second) @third")).containsExactly("first", "second", "third");
    }

    @Test
    void theWordsAreWhatRemainsWithoutTagsAndMentions() {
        PostText.Parsed parsed = PostText.parse("spring #Boot talk by @Alice #123 foo#bar");

        assertThat(parsed.hashtags()).containsExactly("boot");
        assertThat(parsed.mentions()).containsExactly("alice");
        assertThat(parsed.words().split("\\s+")).containsExactly("spring", "talk", "by", "#123", "foo#bar");
    }

    @Test
    void aTagNamedByAClientIsNormalisedOrRefused() {
        assertThat(PostText.tag("Café")).contains("café");
        assertThat(PostText.tag("Cafe\u0301")).contains("café"); // decomposed: NFC first
        assertThat(PostText.tag("日本")).contains("日本");
        assertThat(PostText.tag("123")).isEmpty();
        assertThat(PostText.tag("#java")).isEmpty();
        assertThat(PostText.tag("")).isEmpty();
        assertThat(PostText.tag("a b")).isEmpty();
        assertThat(PostText.tag("a".repeat(51))).isEmpty();
        assertThat(PostText.tag(null)).isEmpty();
    }
}
