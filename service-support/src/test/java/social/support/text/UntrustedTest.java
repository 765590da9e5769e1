package social.support.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a sender chose goes into a log line as one quoted, bounded value that cannot start a line of its own. */
class UntrustedTest {
    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertThat(Untrusted.quoted("PostCreated\n2026-12-07 ERROR forged\r\u0007\u2028"))
                .isEqualTo("\"PostCreated\\u000a2026-12-07 ERROR forged\\u000d\\u0007\\u2028\"")
                .doesNotContain("\n", "\r");
    }

    @Test
    void quotesAndBackslashesCannotCloseTheValue() {
        assertThat(Untrusted.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }

    @Test
    void aLongValueIsCutAndSaysHowLongItWas() {
        String quoted = Untrusted.quoted("x".repeat(10_000));

        assertThat(quoted).hasSizeLessThan(120).endsWith("…(10000 chars)");
    }

    @Test
    void nothingIsSaidAsNothing() {
        assertThat(Untrusted.quoted(null)).isEqualTo("(none)");
    }
}
