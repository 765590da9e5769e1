package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.support.testing.ServiceJvms;

/**
 * The web client against the whole stack. The gateway serves it from the API's origin with its
 * headers; then the browser suite of web-client ({@code npm run test:browser}: Chromium driven by
 * playwright-core) runs against this stack's gateway, so that the stack is started and stopped
 * here as for every end-to-end test. Its screenshots go to {@code web-client/target/screenshots},
 * its output to {@code api-gateway/target/e2e-logs/browser-suite.log}.
 */
class WebClientE2EIT {
    private static final long SUITE_TIMEOUT_MINUTES = 20;

    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void theClientIsServedFromTheApisOriginWithItsSecurityHeaders() {
        for (String path : List.of("/", "/@alice", "/posts/0190f3a4-0000-7000-8000-000000000001", "/settings")) {
            Response page = api.send("GET", path, null, null, Map.of("Accept", "text/html"));
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).contains("<div id=\"root\"></div>");
            assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(page.header("Content-Security-Policy"))
                    .contains("script-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        Response unknownApi = api.send("GET", "/api/no/such/thing", null, null, Map.of("Accept", "text/html"));
        assertThat(unknownApi.status()).isEqualTo(404);
        assertThat(unknownApi.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theBrowserSuitePassesAgainstTheStack() throws Exception {
        Path client = ServiceJvms.repositoryRoot().resolve("web-client");
        Path log = Stack.get().logs().resolve("browser-suite.log");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        assertThat(chromium)
                .as("Debian's chromium (apt-get install chromium; .ci/run installs it)")
                .isExecutable();
        if (!Files.isDirectory(client.resolve("node_modules"))) {
            run(client, log, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of());
        }

        int exit = run(
                client,
                log,
                List.of("npm", "run", "test:browser"),
                Map.of("GATEWAY_URL", Stack.get().gateway().toString(), "CHROMIUM", chromium.toString()));

        assertThat(exit)
                .as("the browser suite (npm run test:browser); its output:\n%s", tail(log))
                .isZero();
    }

    private static int run(Path directory, Path log, List<String> command, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        builder.environment().put("CI", "true");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(SUITE_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw new AssertionError(command + " did not finish within " + SUITE_TIMEOUT_MINUTES + " minutes");
        }
        return process.exitValue();
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 120), lines.size()));
    }
}
