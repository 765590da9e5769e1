package social.post.text;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of what a text refers to: its hashtags and its mentions. Posts (on create and
 * edit), tag pages and search all go through it, so a tag is the same tag everywhere.
 *
 * <ul>
 *   <li>A hashtag is {@code #} and 1–50 letters (of any script, with their combining marks),
 *       digits or underscores, not all digits. It does not start inside a word ({@code foo#bar})
 *       or after another {@code #}, and is never cut short: 51 such characters are no tag at all.
 *       Tags compare case-insensitively: they are kept lower case ({@link Locale#ROOT}).
 *   <li>A mention is {@code @} and a username (3–30 of {@code [A-Za-z0-9_]}), not inside a word
 *       (an e-mail address) or after another {@code @}; lower case.
 * </ul>
 *
 * Each comes once, in order of first appearance.
 */
public final class PostText {
    public static final int MAX_TAG = 50;

    private static final String TAG_CHARACTER = "[\\p{L}\\p{M}\\p{Nd}_]";
    private static final Pattern HASHTAG = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{Nd}_#])#(" + TAG_CHARACTER + "{1," + MAX_TAG + "})(?!" + TAG_CHARACTER + ")");
    private static final Pattern TAG_NAME = Pattern.compile(TAG_CHARACTER + "{1," + MAX_TAG + "}");
    private static final Pattern ALL_DIGITS = Pattern.compile("\\p{Nd}+");
    // a username is 3-30 of [A-Za-z0-9_]; "a@b" (an e-mail address) and "@@x" are not mentions
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])");

    private PostText() {}

    /**
     * What a text refers to.
     *
     * @param hashtags lower case, without '#'
     * @param mentions usernames, lower case, without '@'
     * @param words    the text with every hashtag and mention taken out (for search)
     */
    public record Parsed(List<String> hashtags, List<String> mentions, String words) {}

    public static Parsed parse(String text) {
        StringBuilder words = new StringBuilder(text);
        // "#123" is a number, not a tag
        List<String> hashtags =
                find(HASHTAG, text, words, name -> !ALL_DIGITS.matcher(name).matches());
        List<String> mentions = find(MENTION, text, words, name -> true);
        return new Parsed(hashtags, mentions, words.toString().strip());
    }

    public static List<String> hashtags(String text) {
        return parse(text).hashtags();
    }

    public static List<String> mentions(String text) {
        return parse(text).mentions();
    }

    /** The tag a client names (any case, without '#'), or empty if that is no tag. */
    public static Optional<String> tag(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (!TAG_NAME.matcher(normalized).matches()
                || ALL_DIGITS.matcher(normalized).matches()) {
            return Optional.empty();
        }
        return Optional.of(normalized.toLowerCase(Locale.ROOT));
    }

    /** The matches of {@code pattern}'s first group, lower case, each once; blanks them out of {@code words}. */
    private static List<String> find(Pattern pattern, String text, StringBuilder words, Predicate<String> accepted) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!accepted.test(name)) {
                continue;
            }
            found.add(name.toLowerCase(Locale.ROOT));
            for (int i = matcher.start(); i < matcher.end(); i++) {
                words.setCharAt(i, ' ');
            }
        }
        return List.copyOf(found);
    }
}
