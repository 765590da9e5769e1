package social.support.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import social.contract.ErrorCode;

class ValidationTest {

    @Test
    void textLengthIsCountedInCodePoints() {
        String emoji = "😀".repeat(280);
        Validation.start().requireText(emoji, "content", 1, 280).orThrow();
        assertThatThrownBy(() -> Validation.start()
                        .requireText(emoji + "😀", "content", 1, 280)
                        .orThrow())
                .isInstanceOf(ServiceException.class);
    }

    @Test
    void everyFieldErrorIsReportedAtOnce() {
        assertThatThrownBy(() -> Validation.start()
                        .requireText(" ", "a", 1, 5)
                        .requireText("toolong", "b", 1, 5)
                        .require(false, "c", "no")
                        .orThrow())
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.reply().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.reply().errors())
                            .extracting(error -> error.field())
                            .containsExactly("a", "b", "c");
                });
    }

    @Test
    void textWithANulOrABidiOverrideIsRefusedAndOnlyInvisibleTextIsBlank() {
        assertThatThrownBy(() -> Validation.start()
                        .requireText("ad\u0000min", "a", 1, 50)
                        .requireMultilineText("ab\u202Ec", "b", 1, 50)
                        .requireMultilineText("\u200B\u200B", "c", 1, 50)
                        .requireCleanText("q\u0085", "d")
                        .requireCleanPassword("pass\u0000word", "e")
                        .orThrow())
                .isInstanceOfSatisfying(
                        ServiceException.class,
                        e -> assertThat(e.reply().errors())
                                .extracting(error -> error.field())
                                .containsExactly("a", "b", "c", "d", "e"));
        Validation.start()
                .requireMultilineText("line one\nline two", "bio", 0, 160)
                .requireCleanPassword("pass\u202Eword", "password")
                .orThrow();
    }
}
