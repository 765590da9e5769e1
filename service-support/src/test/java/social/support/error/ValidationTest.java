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
}
