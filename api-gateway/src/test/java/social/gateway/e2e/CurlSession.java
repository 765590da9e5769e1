package social.gateway.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The curl session of README.md: the fenced {@code bash} block after the comment {@value #MARKER}. Each
 * command (a line, with its {@code \}-continued lines) is a step; the comment lines {@code # → ...} right
 * after it are what it prints, {@code …} standing for any text (an id, a time); a step without them prints
 * nothing. Other comments and blank lines are for the reader.
 */
final class CurlSession {
    static final String MARKER = "<!-- curl-session -->";
    /** Where the README's session sends its requests; a test puts its own gateway there. */
    static final String README_API = "http://localhost:8080";

    private static final String OUTPUT = "# → ";
    private static final Pattern WRITE = Pattern.compile("\\s(-X|--request|-d|--data\\S*|-F|--form|-T)\\s");

    /** One command and the lines it prints. */
    record Step(String command, List<String> expected) {
        /** A GET asks and changes nothing, so it may be asked again. */
        boolean readOnly() {
            return command.contains("curl ") && !WRITE.matcher(command + " ").find();
        }

        /** Whether a command's output is what the README says, line by line, {@code …} matching anything. */
        boolean printed(String output) {
            String actual = output.strip();
            if (expected.isEmpty()) {
                return actual.isEmpty();
            }
            StringBuilder pattern = new StringBuilder();
            for (String part : String.join("\n", expected).split("…", -1)) {
                if (!pattern.isEmpty()) {
                    pattern.append(".*?");
                }
                pattern.append(Pattern.quote(part));
            }
            return Pattern.compile(pattern.toString(), Pattern.DOTALL)
                    .matcher(actual)
                    .matches();
        }
    }

    private CurlSession() {}

    static List<Step> from(String markdown) {
        List<String> lines = markdown.lines().toList();
        int marker = lines.indexOf(MARKER);
        if (marker < 0 || marker + 1 >= lines.size() || !lines.get(marker + 1).equals("```bash")) {
            throw new IllegalStateException("no ```bash block right after " + MARKER);
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = marker + 2; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.equals("```")) {
                add(steps, command, expected);
                return steps;
            }
            if (!command.isEmpty() && command.charAt(command.length() - 1) == '\\') {
                String joined = command.substring(0, command.length() - 1).stripTrailing();
                command.setLength(0);
                command.append(joined).append(' ').append(line.strip());
            } else if (line.startsWith(OUTPUT)) {
                if (command.isEmpty()) {
                    throw new IllegalStateException("output without a command before it: " + line);
                }
                expected.add(line.substring(OUTPUT.length()));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                add(steps, command, expected);
                command.append(line.strip());
            }
        }
        throw new IllegalStateException("the session's ```bash block does not end");
    }

    private static void add(List<Step> steps, StringBuilder command, List<String> expected) {
        if (!command.isEmpty()) {
            steps.add(new Step(command.toString(), List.copyOf(expected)));
        }
        command.setLength(0);
        expected.clear();
    }
}
