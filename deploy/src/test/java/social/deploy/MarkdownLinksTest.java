package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The link checker follows GitHub's anchor rule and finds every kind of broken link, so that its pass means something. */
class MarkdownLinksTest {
    private static final Path FIXTURE =
            Path.of(System.getProperty("basedir", ".")).resolve("src/test/resources/markdown-links");

    @ParameterizedTest(name = "\"{0}\" -> #{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Operations | operations",
                "Posts, follows and timelines | posts-follows-and-timelines",
                "Notifications: from an action to a client's screen | notifications-from-an-action-to-a-clients-screen",
                "`social.outbox` settings | socialoutbox-settings",
                "Kubernetes → Monitoring | kubernetes--monitoring",
                "A-Z_and 0-9 | a-z_and-0-9",
                "Leaving (see [Security](#security)) | leaving-see-security",
                "Größe und Ähnliches | größe-und-ähnliches",
                "  Trailing space  | trailing-space",
            })
    void anAnchorIsTheHeadingInLowerCaseWithPunctuationDroppedAndSpacesAsHyphens(String heading, String anchor) {
        assertThat(MarkdownLinks.slug(heading)).isEqualTo(anchor);
    }

    @Test
    void repeatedHeadingsAreNumberedFromOneAndCodeBlocksHoldNoHeadings() {
        String markdown = String.join(
                "\n",
                "# Alerts",
                "## Runbook",
                "```bash",
                "# Runbook",
                "```",
                "## Runbook",
                "### Runbook 1",
                "## Runbook");

        assertThat(MarkdownLinks.anchors(markdown))
                .containsExactly("alerts", "runbook", "runbook-1", "runbook-1-1", "runbook-2");
    }

    @Test
    void theBrokenFixtureFailsOnEachBrokenLinkAndOnNothingElse() {
        List<String> problems = MarkdownLinks.problems(
                FIXTURE, List.of(FIXTURE.resolve("README.md"), FIXTURE.resolve("docs/guide.md")));

        assertThat(problems)
                .containsExactly(
                        "README.md:13: (docs/missing.md) no such file or folder",
                        "README.md:14: (docs/guide.md#no-such-heading) no heading with the anchor #no-such-heading in"
                                + " docs/guide.md",
                        "README.md:15: (#good-link) no heading with the anchor #good-link in README.md",
                        "README.md:16: (docs/guide.md#Setting-Up) no heading with the anchor #Setting-Up in"
                                + " docs/guide.md",
                        "README.md:24: (docs/also-missing.md) no such file or folder");
    }

    @Test
    void aMissingDocumentIsAProblemToo() {
        assertThat(MarkdownLinks.problems(FIXTURE, List.of(FIXTURE.resolve("docs/nothing.md"))))
                .containsExactly("docs/nothing.md: the file is missing");
    }
}
