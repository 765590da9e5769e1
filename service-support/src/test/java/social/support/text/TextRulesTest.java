package social.support.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F})
    void controlCharactersAreForbiddenInEveryKindOfText(int control) {
        String text = "ab" + Character.toString(control) + "cd";
        assertThat(TextRules.hasForbiddenCharacters(text)).isTrue();
        assertThat(TextRules.hasForbiddenMultilineCharacters(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {'\n', '\r', '\t'})
    void lineBreaksAndTabsAreAllowedOnlyInMultilineText(int layout) {
        String text = "ab" + Character.toString(layout) + "cd";
        assertThat(TextRules.hasForbiddenCharacters(text)).isTrue();
        assertThat(TextRules.hasForbiddenMultilineCharacters(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
    void bidiEmbeddingsOverridesAndIsolatesAreForbidden(int bidi) {
        String text = "admin" + Character.toString(bidi) + "txt.exe";
        assertThat(TextRules.hasForbiddenCharacters(text)).isTrue();
        assertThat(TextRules.hasForbiddenMultilineCharacters(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x200E, 0x200F, 0x061C})
    void directionMarksStayBecauseMixedRightToLeftTextNeedsThem(int mark) {
        assertThat(TextRules.hasForbiddenCharacters("שלום" + Character.toString(mark) + " 123"))
                .isFalse();
    }

    @Test
    void ordinaryTextOfAnyScriptAndEmojiIsAllowed() {
        assertThat(TextRules.hasForbiddenCharacters("Zoë 😀 日本語 مرحبا")).isFalse();
    }

    @Test
    void passwordsRefuseOnlyC0ControlsAndDelete() {
        assertThat(TextRules.hasForbiddenPasswordCharacters("pass\u0000word")).isTrue();
        assertThat(TextRules.hasForbiddenPasswordCharacters("pass\tword")).isTrue();
        assertThat(TextRules.hasForbiddenPasswordCharacters("pass\u007Fword")).isTrue();
        assertThat(TextRules.hasForbiddenPasswordCharacters("pass\u202Eword \u0085 é"))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                " \t\n",
                "\u200B\u200B\u200B",
                "\u200C\u200D",
                "\u2060\uFEFF",
                "\u3164\u115F\u1160\uFFA0",
                "\u00A0\u2003\u3000",
                "\u00AD\u034F\u180E",
                "\u2800",
                "\uFE0F"
            })
    void textOfOnlyInvisibleCharactersIsVisiblyEmpty(String invisible) {
        assertThat(TextRules.isVisiblyEmpty(invisible)).isTrue();
    }

    @Test
    void textWithOneVisibleCharacterIsNotEmpty() {
        assertThat(TextRules.isVisiblyEmpty("\u200B.\u200B")).isFalse();
        assertThat(TextRules.isVisiblyEmpty("😀")).isFalse();
    }

    @Test
    void normalisationComposesDecomposedCharacters() {
        String decomposed = "Zoe\u0308";
        assertThat(TextRules.normalized(decomposed)).isEqualTo("Zo\u00EB").hasSize(3);
    }
}
