package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md names every environment variable that the services' configuration, the scripts,
 * docker compose, the Kubernetes manifests and the test infrastructure read: the one table a reader looks
 * them up in stays whole when someone adds a variable.
 */
class DocumentationConfigurationTest {
    private static final Path ROOT = MarkdownLinks.ROOT;
    /** {@code ${NAME}}, {@code ${NAME:default}}, {@code ${NAME:-default}}, {@code ${NAME:?message}}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    /** A shell variable read with a default: {@code ${NAME:-...}} or {@code ${NAME-...}}. */
    private static final Pattern SHELL_DEFAULTED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?-");
    /** A container's variable in a Kubernetes manifest: {@code - name: NAME}. */
    private static final Pattern MANIFEST_ENV = Pattern.compile("(?m)^\\s*- name: ([A-Z][A-Z0-9_]*)\\s*$");
    /** A variable Java code reads by name. */
    private static final Pattern JAVA_ENV =
            Pattern.compile("(?:getenv\\(|getProperty\\(|env\\(|getOrDefault\\()\"([A-Z][A-Z0-9_]*)\"");

    /** A typed settings record: {@code @ConfigurationProperties("prefix") record Name(}. */
    private static final Pattern SETTINGS_RECORD =
            Pattern.compile("@ConfigurationProperties\\(\"([a-z.-]+)\"\\)\\s*(?:public\\s+)?record\\s+\\w+\\s*\\(");

    private static final Pattern ANNOTATION = Pattern.compile("@\\w+(?:\\([^)]*\\))?");

    /** Shell variables read with a default that no caller sets from outside: options' state, not settings. */
    private static final Map<String, String> NOT_SETTINGS = Map.of("JIT_WARMUP", "benchmarks/run.sh: --jit-warmup");

    @Test
    void everyVariableTheSystemReadsIsInTheConfigurationTable() {
        Map<String, String> variables = variables();
        String table = MarkdownLinks.read(ROOT.resolve("docs/configuration.md"));

        Set<String> missing = new TreeSet<>();
        variables.forEach((name, where) -> {
            if (!table.contains("`" + name + "`")) {
                missing.add(name + " (" + where + ")");
            }
        });
        assertThat(missing).as("add a row to docs/configuration.md for each").isEmpty();
    }

    @Test
    void everyTypedSettingIsInTheTableByItsVariableOrItsName() {
        String table = MarkdownLinks.read(ROOT.resolve("docs/configuration.md"));
        Set<String> settings = typedSettings();

        assertThat(settings).contains("social.auth.hashing.queue-wait", "social.gateway.rate-limit.burst");
        Set<String> missing = new TreeSet<>();
        for (String setting : settings) {
            if (!table.contains("`" + setting + "`") && !table.contains("`" + relaxed(setting) + "`")) {
                missing.add(relaxed(setting) + " (" + setting + ")");
            }
        }
        assertThat(missing).as("add a row to docs/configuration.md for each").isEmpty();
    }

    /** Spring's relaxed binding from the environment: upper case, dots to underscores, no hyphens. */
    static String relaxed(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Every property of the services' {@code @ConfigurationProperties} records, nested records flattened. */
    private static Set<String> typedSettings() {
        Set<String> settings = new TreeSet<>();
        for (Path source : javaSources()) {
            String code = MarkdownLinks.read(source);
            Matcher record = SETTINGS_RECORD.matcher(code);
            while (record.find()) {
                addComponents(code, record.end(), record.group(1), settings);
            }
        }
        return settings;
    }

    /** The components of the record whose parameter list starts at {@code start}, as properties under {@code prefix}. */
    private static void addComponents(String code, int start, String prefix, Set<String> settings) {
        int depth = 0;
        int from = start;
        for (int i = start; depth >= 0; i++) {
            char c = code.charAt(i);
            if (c == '(' || c == '<') {
                depth++;
            } else if (c == ')' || c == '>') {
                depth--;
            }
            if ((c == ',' && depth == 0) || depth < 0) {
                String[] words = ANNOTATION
                        .matcher(code.substring(from, i))
                        .replaceAll("")
                        .trim()
                        .split("\\s+");
                if (words.length >= 2) {
                    String type = words[words.length - 2].replaceAll("<.*", "");
                    String property = prefix + "."
                            + words[words.length - 1]
                                    .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                                    .toLowerCase(Locale.ROOT);
                    Matcher nested =
                            Pattern.compile("record\\s+" + type + "\\s*\\(").matcher(code);
                    if (nested.find()) {
                        addComponents(code, nested.end(), property, settings);
                    } else {
                        settings.add(property);
                    }
                }
                from = i + 1;
            }
        }
    }

    /** The main Java sources of every module. */
    private static List<Path> javaSources() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(folder -> files(folder, ".java").stream())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScanFindsTheVariablesOfEveryKindOfSource() {
        assertThat(variables())
                .containsKeys(
                        "DB_STATEMENT_TIMEOUT", // social-service-defaults.properties
                        "RATE_LIMIT_RPS", // the gateway's application.yml
                        "OTLP_TRACING_ENDPOINT", // ServiceDefaults
                        "POSTGRES_PASSWORD_FILE", // docker-compose.yml
                        "GF_AUTH_ANONYMOUS_ORG_ROLE", // a compose service's environment
                        "RABBITMQCTL", // scripts/run-local.sh
                        "KUBECTL", // deploy/k8s/create-secrets.sh
                        "MESSAGING_QUEUE_TYPE", // the ConfigMap
                        "MANAGEMENT_SERVER_ADDRESS", // a Deployment's env
                        "TEST_RABBITMQCTL", // the test infrastructure
                        "FAULTS_OWN_BROKER"); // the fault harness
    }

    /** Every variable found, with where it was first found. */
    private static Map<String, String> variables() {
        Map<String, String> found = new TreeMap<>();
        for (Path file : configurationFiles()) {
            collect(found, file, PLACEHOLDER);
        }
        collect(found, ROOT.resolve("docker-compose.yml"), PLACEHOLDER);
        Observability.composeServices().forEach((service, definition) -> {
            if (definition instanceof Map<?, ?> map && map.get("environment") instanceof Map<?, ?> environment) {
                environment
                        .keySet()
                        .forEach(name -> found.putIfAbsent(name.toString(), "docker-compose.yml " + service));
            }
        });
        for (Path script : List.of(
                ROOT.resolve("scripts/run-local.sh"),
                ROOT.resolve("scripts/generate-env.sh"),
                ROOT.resolve("scripts/broker-users.sh"),
                ROOT.resolve("deploy/k8s/create-secrets.sh"),
                ROOT.resolve("benchmarks/run.sh"))) {
            collect(found, script, SHELL_DEFAULTED);
        }
        for (Path manifest : files(ROOT.resolve("deploy/k8s"), ".yaml")) {
            collect(found, manifest, MANIFEST_ENV);
        }
        Manifests.tree(ROOT.resolve("deploy/k8s/base/config.yaml"))
                .path("data")
                .propertyNames()
                .forEach(name -> found.putIfAbsent(name, "deploy/k8s/base/config.yaml"));
        Path serviceDefaults = ROOT.resolve("service-support/src/main/java/social/support/config/ServiceDefaults.java");
        collect(found, serviceDefaults, JAVA_ENV);
        collect(found, serviceDefaults, PLACEHOLDER);
        collect(
                found,
                ROOT.resolve("service-support/src/test/java/social/support/testing/TestInfrastructure.java"),
                JAVA_ENV);
        collect(found, ROOT.resolve("faults/src/test/java/social/faults/FaultRun.java"), JAVA_ENV);
        NOT_SETTINGS.keySet().forEach(found::remove);
        return found;
    }

    private static void collect(Map<String, String> found, Path file, Pattern pattern) {
        Matcher matcher = pattern.matcher(MarkdownLinks.read(file));
        while (matcher.find()) {
            found.putIfAbsent(matcher.group(1), ROOT.relativize(file).toString());
        }
    }

    /** Every module's application.yml, and the defaults every service shares. */
    private static List<Path> configurationFiles() {
        try (Stream<Path> modules = Files.list(ROOT)) {
            return Stream.concat(
                            modules.map(module -> module.resolve("src/main/resources/application.yml")),
                            Stream.of(ROOT.resolve(
                                    "service-support/src/main/resources/social-service-defaults.properties")))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files under {@code folder} whose name ends with {@code suffix}. */
    private static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(path -> path.toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
