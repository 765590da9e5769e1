package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml against the Compose Specification's JSON schema (deploy/compose-spec: a vendored copy,
 * its source and version in the README beside it), as compose reads it: anchors and merge keys resolved.
 * No Docker engine runs here; this is what {@code docker compose config} would check first.
 */
class ComposeSchemaTest {
    @Test
    void theComposeFileIsValidAgainstTheComposeSpecification() {
        StaticChecks.Result result = StaticChecks.compose(Observability.COMPOSE);

        assertThat(result.valid()).as(result.output()).isTrue();
        assertThat(result.output()).contains("valid");
    }

    @Test
    void aBrokenCopyOfTheComposeFileFails(@TempDir Path dir) throws IOException {
        Map<String, String[]> breakages = Map.of(
                "an unknown condition",
                        new String[] {
                            "condition: service_completed_successfully",
                            "condition: service_finished",
                            "/services/postgres/depends_on/secrets/condition"
                        },
                "an unknown key in every app service (through the x-app anchor)",
                        new String[] {"stop_grace_period: 30s", "stop_grace_periode: 30s", "(stop_grace_periode)"},
                "a memory limit that is a list",
                        new String[] {
                            "memory: 512m", "memory: [512m]", "/services/postgres/deploy/resources/limits/memory"
                        });
        for (Map.Entry<String, String[]> breakage : breakages.entrySet()) {
            String[] change = breakage.getValue();
            Path broken = StaticChecks.brokenCopy(
                    Observability.COMPOSE, Files.createTempDirectory(dir, "c"), change[0], change[1]);

            StaticChecks.Result result = StaticChecks.compose(broken);

            assertThat(result.valid()).as(breakage.getKey()).isFalse();
            assertThat(result.output()).as(breakage.getKey()).contains(change[2]);
        }
    }

    @Test
    void theVendoredSchemaIsTheOneItsReadmeNamesWithItsSourceAndVersion() throws Exception {
        Path schema = StaticChecks.COMPOSE_SCHEMA;
        String readme = Files.readString(schema.resolveSibling("README.md"));
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(schema)));

        assertThat(readme).contains(sha256, "https://github.com/compose-spec/compose-spec", "dclint@3.1.0");
        assertThat(Files.readString(schema)).contains("\"title\": \"Compose Specification\"");
    }
}
