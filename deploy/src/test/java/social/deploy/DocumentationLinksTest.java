package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md, docs/, benchmarks/README.md and faults/README.md names a file or folder
 * that exists and, into Markdown, a heading that is there (GitHub's anchors: {@link MarkdownLinks}).
 */
class DocumentationLinksTest {

    @Test
    void everyRelativeLinkOfTheDocumentationLeadsSomewhere() {
        List<java.nio.file.Path> documentation = MarkdownLinks.documentation(MarkdownLinks.ROOT);

        assertThat(MarkdownLinks.problems(MarkdownLinks.ROOT, documentation)).isEmpty();
    }

    @Test
    void theCheckReadsTheFrontDoorAndEveryDocsFile() {
        List<String> files = MarkdownLinks.documentation(MarkdownLinks.ROOT).stream()
                .map(file -> MarkdownLinks.ROOT.relativize(file).toString())
                .toList();

        assertThat(files)
                .contains(
                        "README.md",
                        "docs/API.md",
                        "docs/CHANGELOG.md",
                        "docs/operations.md",
                        "benchmarks/README.md",
                        "faults/README.md");
        assertThat(files.stream().filter(file -> file.startsWith("docs/features/")))
                .hasSizeGreaterThanOrEqualTo(9);
    }
}
