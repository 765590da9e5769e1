package social.support.text;

/**
 * A value someone else chose (a message's type, a header) as it may appear in a log line: quoted, with
 * line breaks and other control characters escaped so that it cannot forge a line of its own, and cut
 * short so that it cannot fill the log.
 */
public final class Untrusted {
    private static final int MAX_CHARS = 80;

    private Untrusted() {}

    public static String quoted(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 24).append('"');
        int end = Math.min(value.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('"');
        if (value.length() > MAX_CHARS) {
            quoted.append("…(").append(value.length()).append(" chars)");
        }
        return quoted.toString();
    }
}
