package social.post.post;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The usernames a post's content mentions as {@code @username}: lower case, without '@', each once, in order. */
final class Mentions {
    // a username is 3-30 of [A-Za-z0-9_]; "a@b" (an e-mail address) and "@@x" are not mentions
    private static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{3,30})(?![A-Za-z0-9_])");

    private Mentions() {}

    static List<String> in(String content) {
        Set<String> usernames = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(content);
        while (matcher.find()) {
            usernames.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return List.copyOf(usernames);
    }
}
