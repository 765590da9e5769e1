package social.support.text;

import java.text.Normalizer;

/**
 * The one place that decides which characters user-written text may hold, so that every
 * service refuses the same input and stores it in the same form.
 *
 * <ul>
 *   <li>C0 and C1 control characters (NUL included) are refused everywhere: they corrupt logs and
 *       terminals, and PostgreSQL cannot store NUL in {@code text}. Multi-line fields (bios,
 *       posts) keep line feed, carriage return and tab.
 *   <li>Bidi embedding, override and isolate characters (U+202A–U+202E, U+2066–U+2069) are
 *       refused: they reorder what follows them, so a name or post can display as something it
 *       is not ("Trojan Source"). The marks U+200E/U+200F (and U+061C) only give a direction to
 *       neutral characters next to them, cannot reorder a whole run, and are needed to write
 *       mixed right-to-left text, so they stay.
 *   <li>Stored text is NFC-normalised, so that the same words compare and count alike.
 *   <li>Text made only of white space and invisible characters counts as blank.
 * </ul>
 */
public final class TextRules {
    private TextRules() {}

    /** Whether {@code text} holds a character no single-line field may hold. */
    public static boolean hasForbiddenCharacters(String text) {
        return text != null && text.codePoints().anyMatch(c -> isControl(c) || isBidiControl(c));
    }

    /** As {@link #hasForbiddenCharacters(String)}, but line feed, carriage return and tab are allowed. */
    public static boolean hasForbiddenMultilineCharacters(String text) {
        return text != null && text.codePoints().anyMatch(c -> (isControl(c) && !isLineLayout(c)) || isBidiControl(c));
    }

    /**
     * Whether a password holds a C0 control character (or DEL): those are refused, since clients
     * written in C cut at NUL and terminals act on the others. Anything else a password manager
     * may produce is allowed: a password is hashed, never displayed.
     */
    public static boolean hasForbiddenPasswordCharacters(String password) {
        return password != null && password.codePoints().anyMatch(c -> c < 0x20 || c == 0x7F);
    }

    /** Whether nothing in {@code text} would be visible: only white space and invisible characters. */
    public static boolean isVisiblyEmpty(String text) {
        return text == null || text.codePoints().allMatch(TextRules::isInvisible);
    }

    /** {@code text} in Unicode normalisation form C (null stays null). */
    public static String normalized(String text) {
        return text == null ? null : Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    static boolean isBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    private static boolean isLineLayout(int c) {
        return c == '\n' || c == '\r' || c == '\t';
    }

    static boolean isInvisible(int c) {
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || isControl(c)
                || Character.getType(c) == Character.FORMAT // ZWSP..RLM, U+2060..U+2064, U+FEFF, soft hyphen
                || c == 0x034F // combining grapheme joiner
                || c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0 // Hangul fillers
                || c == 0x2800 // braille blank
                || (c >= 0xFE00 && c <= 0xFE0F) // variation selectors
                || (c >= 0xE0100 && c <= 0xE01EF);
    }
}
