package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The observability stack's files (docs/operations.md): docker-compose.yml, deploy/observability (the
 * observability container's Prometheus, alert rules and Grafana provisioning) and docs/operations.md, read
 * as the tools that load them do.
 */
final class Observability {
    /** The repository's root: the deploy module's parent. */
    static final Path ROOT =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();

    static final Path DIR = ROOT.resolve("deploy/observability");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path PROMETHEUS = DIR.resolve("prometheus/prometheus.yaml");
    static final Path ALERTS = DIR.resolve("prometheus/alerts.yaml");
    static final Path DATASOURCES = DIR.resolve("grafana/datasources.yaml");
    static final Path DASHBOARDS = DIR.resolve("grafana/dashboards.yaml");
    static final Path DASHBOARD = DIR.resolve("grafana/social.json");
    /** Where the dashboard's rows and the alerts' runbooks are described. */
    static final Path OPERATIONS = ROOT.resolve("docs/operations.md");

    static final Path GENERATE_RULE = DIR.resolve("generate-prometheus-rule.sh");

    /** The compose service that runs the observability backend. */
    static final String LGTM = "lgtm";

    private static final JsonMapper JSON = new JsonMapper();
    /** Compose's {@code ${NAME:-default}} and {@code ${NAME-default}}. */
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*:?-(.*)}");

    /** One alert rule of alerts.yaml. */
    record Rule(String group, String alert, String expr, String forDuration, JsonNode node) {}

    private Observability() {}

    /**
     * docker-compose.yml as compose reads it: YAML 1.1 with its anchors and merge keys ({@code <<}) resolved
     * (SnakeYAML; Jackson's YAML reader keeps merge keys as plain keys).
     */
    static Map<String, Object> compose() {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Manifests.read(COMPOSE));
        return map(document, "docker-compose.yml");
    }

    /** The services of docker-compose.yml by name. */
    static Map<String, Object> composeServices() {
        return map(compose().get("services"), "services");
    }

    static JsonNode dashboard() {
        return JSON.readTree(Manifests.read(DASHBOARD));
    }

    /** Every alert rule of alerts.yaml, in order. */
    static List<Rule> rules() {
        return rules(Manifests.tree(ALERTS));
    }

    /** The alert rules of a tree with Prometheus' rule-file shape ({@code groups: [{name, rules: [...]}]}). */
    static List<Rule> rules(JsonNode file) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode group : file.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.add(new Rule(
                        group.path("name").asString(),
                        rule.path("alert").asString(null),
                        rule.path("expr").asString(),
                        rule.path("for").asString(null),
                        rule));
            }
        }
        return rules;
    }

    /**
     * The value compose gives {@code ${NAME:-default}} or {@code ${NAME-default}} when NAME is not set: the
     * default; any other text as it is.
     */
    static String unsetValue(String value) {
        Matcher withDefault = value == null ? null : DEFAULTED.matcher(value);
        return withDefault != null && withDefault.matches() ? withDefault.group(1) : value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String what) {
        if (!(node instanceof List<?>)) {
            throw new AssertionError(what + " is not a list: " + node);
        }
        return (List<Object>) node;
    }

    /** Runs {@code bash script args...} in {@code dir}'s context and fails the test unless it succeeds in time. */
    static void runScript(Path dir, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(args));
        Path output = dir.resolve("output");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(output)).isZero();
    }
}
