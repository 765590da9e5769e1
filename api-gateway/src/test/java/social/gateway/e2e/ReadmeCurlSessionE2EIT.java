package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.withinConvergence;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import social.gateway.e2e.CurlSession.Step;
import social.support.testing.ServiceJvms;

/**
 * README.md's curl session, run as written against the stack: each command through one {@code bash -e}
 * with the stack's gateway in place of {@code http://localhost:8080}, each succeeding and printing what
 * the README says it prints. A read may be asked again for as long as API.md lets other users' views lag
 * (2 s): Bob's timeline shows Alice's post once his follow has reached the timelines.
 */
class ReadmeCurlSessionE2EIT {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void theReadmesCurlSessionRunsAsWrittenAndPrintsWhatTheReadmeSays() throws IOException {
        List<Step> steps =
                CurlSession.from(Files.readString(ServiceJvms.repositoryRoot().resolve("README.md")));
        String gateway = Stack.get().gateway().toString();

        try (BashSession bash = BashSession.start()) {
            for (Step step : steps) {
                String command = step.command().replace(CurlSession.README_API, gateway);
                if (step.readOnly()) {
                    withinConvergence()
                            .pollInterval(Duration.ofMillis(200))
                            // never interrupted halfway: the shell's next output must be the next step's
                            .pollInSameThread()
                            .untilAsserted(() -> assertPrinted(step, bash.run(command, STEP_TIMEOUT)));
                } else {
                    assertPrinted(step, bash.run(command, STEP_TIMEOUT));
                }
            }
        }
    }

    private static void assertPrinted(Step step, String output) {
        assertThat(step.printed(output))
                .as(
                        "%s%nprinted:%n%s%nthe README says:%n%s",
                        step.command(), output, String.join("\n", step.expected()))
                .isTrue();
    }
}
