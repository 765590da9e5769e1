package social.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The relative links of the repository's Markdown (README.md, docs/, benchmarks/README.md, faults/README.md)
 * as GitHub renders them: a link names a file or folder that exists and, for a Markdown file, a heading
 * anchor that file has. Anchors follow GitHub's rule (github-slugger): the heading's text in lower case,
 * everything but letters, marks, digits, spaces, hyphens and underscores dropped, each space a hyphen, and a
 * repeated anchor numbered {@code -1}, {@code -2}, ... Code blocks and code spans hold neither headings nor
 * links.
 */
final class MarkdownLinks {
    /** The repository's root: the deploy module's parent. */
    static final Path ROOT =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:.+?)\\1");
    private static final Pattern INLINE_LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern LINK_TEXT = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern HTML_TAG = Pattern.compile("<[^>]+>");
    private static final Pattern DROPPED = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** One link: where it is and what it points at, as written. */
    record Link(Path file, int line, String target) {
        @Override
        public String toString() {
            return ROOT.relativize(file) + ":" + line + ": " + target;
        }
    }

    private MarkdownLinks() {}

    /** The documentation whose links must hold: README.md, every Markdown file under docs/, and the two harness READMEs. */
    static List<Path> documentation(Path root) {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(root.resolve("benchmarks/README.md"));
        files.add(root.resolve("faults/README.md"));
        return files;
    }

    /** GitHub's anchor of one heading's text, before numbering repeats. */
    static String slug(String headingText) {
        String text = LINK_TEXT.matcher(headingText).replaceAll("$1");
        text = HTML_TAG.matcher(text).replaceAll("");
        return DROPPED.matcher(text.trim().toLowerCase(Locale.ROOT))
                .replaceAll("")
                .replace(' ', '-');
    }

    /** Every anchor of a Markdown text, in order: repeated ones numbered as GitHub does. */
    static Set<String> anchors(String markdown) {
        Map<String, Integer> occurrences = new HashMap<>();
        Set<String> anchors = new LinkedHashSet<>();
        for (String line : proseLines(markdown)) {
            Matcher heading = line == null ? null : HEADING.matcher(line);
            if (heading == null || !heading.matches()) {
                continue;
            }
            String original = slug(heading.group(1) == null ? "" : heading.group(1));
            String anchor = original;
            while (occurrences.containsKey(anchor)) {
                int next = occurrences.merge(original, 1, Integer::sum);
                anchor = original + "-" + next;
            }
            occurrences.put(anchor, 0);
            anchors.add(anchor);
        }
        return anchors;
    }

    /** The links of a Markdown file that stay inside the repository (no scheme, not protocol-relative). */
    static List<Link> relativeLinks(Path file) {
        List<String> lines = proseLines(read(file));
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null) {
                continue;
            }
            String prose = CODE_SPAN.matcher(line).replaceAll("");
            List<String> targets = new ArrayList<>();
            Matcher inline = INLINE_LINK.matcher(prose);
            while (inline.find()) {
                targets.add(inline.group(1));
            }
            Matcher definition = REFERENCE_DEFINITION.matcher(prose);
            if (definition.find()) {
                targets.add(definition.group(1));
            }
            for (String target : targets) {
                String unwrapped = target.startsWith("<") ? target.substring(1, target.length() - 1) : target;
                if (!SCHEME.matcher(unwrapped).find() && !unwrapped.startsWith("//")) {
                    links.add(new Link(file, i + 1, unwrapped));
                }
            }
        }
        return links;
    }

    /** What is wrong with each broken link of these files: a missing file or folder, or a missing anchor. */
    static List<String> problems(Path root, List<Path> files) {
        Map<Path, Set<String>> anchorsOf = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                problems.add(root.relativize(file) + ": the file is missing");
                continue;
            }
            for (Link link : relativeLinks(file)) {
                int hash = link.target().indexOf('#');
                String path = decode(hash < 0 ? link.target() : link.target().substring(0, hash));
                String fragment = hash < 0 ? "" : decode(link.target().substring(hash + 1));
                Path target = path.isEmpty()
                        ? file
                        : (path.startsWith("/")
                                        ? root.resolve(path.substring(1))
                                        : file.getParent().resolve(path))
                                .normalize();
                String where = root.relativize(file) + ":" + link.line() + ": (" + link.target() + ")";
                if (!target.startsWith(root) || !Files.exists(target)) {
                    problems.add(where + " no such file or folder");
                } else if (!fragment.isEmpty()) {
                    if (!target.toString().endsWith(".md")) {
                        problems.add(where + " an anchor into a file that is not Markdown");
                    } else if (!anchorsOf
                            .computeIfAbsent(target, md -> anchors(read(md)))
                            .contains(fragment)) {
                        problems.add(
                                where + " no heading with the anchor #" + fragment + " in " + root.relativize(target));
                    }
                }
            }
        }
        return problems;
    }

    /** The lines of a Markdown text, those of fenced code blocks replaced by null: they hold no headings and no links. */
    private static List<String> proseLines(String markdown) {
        List<String> lines = new ArrayList<>();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.find()) {
                fence = opening.group(1);
                lines.add(null);
            } else if (fence != null) {
                String trimmed = line.strip();
                char mark = fence.charAt(0);
                if (trimmed.startsWith(fence) && trimmed.chars().allMatch(c -> c == mark)) {
                    fence = null;
                }
                lines.add(null);
            } else {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
