package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import social.gateway.e2e.CurlSession.Step;
import social.support.testing.ServiceJvms;

/** How the README's curl session is read and checked, so that ReadmeCurlSessionE2EIT's pass means something. */
class CurlSessionTest {
    private static final String MARKDOWN = String.join(
            "\n",
            "# Title",
            "```bash",
            "echo not the session",
            "```",
            CurlSession.MARKER,
            "```bash",
            "API=http://localhost:8080",
            "",
            "# a reader's comment",
            "curl -s -w '\\n' $API/api/auth/register \\",
            "  -d '{\"username\":\"alice\"}'",
            "# → {\"id\":\"…\",\"username\":\"alice\",…}",
            "TOKEN=$(curl -s $API/api/auth/login | sed 's/x/y/')",
            "curl -s $API/api/timeline -H \"Authorization: Bearer $TOKEN\"",
            "# → first line",
            "# → second …",
            "```",
            "after");

    @Test
    void eachCommandWithItsContinuedLinesIsAStepWithTheOutputLinesAfterIt() {
        assertThat(CurlSession.from(MARKDOWN))
                .containsExactly(
                        new Step("API=http://localhost:8080", List.of()),
                        new Step(
                                "curl -s -w '\\n' $API/api/auth/register -d '{\"username\":\"alice\"}'",
                                List.of("{\"id\":\"…\",\"username\":\"alice\",…}")),
                        new Step("TOKEN=$(curl -s $API/api/auth/login | sed 's/x/y/')", List.of()),
                        new Step(
                                "curl -s $API/api/timeline -H \"Authorization: Bearer $TOKEN\"",
                                List.of("first line", "second …")));
    }

    @Test
    void anEllipsisStandsForAnyTextAndEverythingElseMustBeAsWritten() {
        Step step = new Step("curl", List.of("{\"id\":\"…\",\"username\":\"alice\",…}"));

        assertThat(step.printed("{\"id\":\"0197\",\"username\":\"alice\",\"bio\":\"\"}\n"))
                .isTrue();
        assertThat(step.printed("{\"id\":\"0197\",\"username\":\"bob\",\"bio\":\"\"}"))
                .isFalse();
        assertThat(step.printed("{\"type\":\"about:blank\",\"status\":409}")).isFalse();
        assertThat(new Step("X=$(curl)", List.of()).printed("")).isTrue();
        assertThat(new Step("X=$(curl)", List.of()).printed("curl: (7) Failed to connect"))
                .isFalse();
    }

    @Test
    void onlyARequestThatChangesNothingMayBeAskedAgain() {
        assertThat(new Step("curl -s $API/api/timeline -H \"Authorization: Bearer $BOB\"", List.of()).readOnly())
                .isTrue();
        assertThat(new Step("ID=$(curl -s \"$API/api/users/lookup?username=alice\" | sed 's/a/b/')", List.of())
                        .readOnly())
                .isTrue();
        assertThat(new Step("curl -s $API/api/posts -d '{}'", List.of()).readOnly())
                .isFalse();
        assertThat(new Step("curl -s -X PUT $API/api/posts/1/like", List.of()).readOnly())
                .isFalse();
        assertThat(new Step("API=http://localhost:8080", List.of()).readOnly()).isFalse();
    }

    @Test
    void aMarkdownWithoutTheMarkedBlockHasNoSession() {
        assertThatThrownBy(() -> CurlSession.from("# nothing here\n```bash\ncurl x\n```"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theShellKeepsVariablesBetweenStepsAndAFailingStepEndsTheSession() {
        try (BashSession bash = BashSession.start()) {
            assertThat(bash.run("GREETING=hello", Duration.ofSeconds(10))).isEmpty();
            assertThat(bash.run("echo \"$GREETING world\"", Duration.ofSeconds(10)))
                    .isEqualTo("hello world");
            assertThatThrownBy(() -> bash.run("false", Duration.ofSeconds(10)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("bash -e exited with 1");
        }
    }

    @Test
    void theReadmesSessionSignsUpLogsInPostsFollowsLikesAndReadsATimeline() throws IOException {
        List<String> commands =
                CurlSession.from(Files.readString(ServiceJvms.repositoryRoot().resolve("README.md"))).stream()
                        .map(Step::command)
                        .toList();

        assertThat(commands).first().isEqualTo("API=" + CurlSession.README_API);
        for (String path :
                List.of("/api/auth/register", "/api/auth/login", "/api/posts", "/follow", "/like", "/api/timeline")) {
            assertThat(commands).as(path).anyMatch(command -> command.contains(path));
        }
        assertThat(commands).noneMatch(command -> command.contains("jq "));
    }
}
