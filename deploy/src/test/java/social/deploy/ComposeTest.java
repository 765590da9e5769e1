package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is one command (docs/running.md): {@code docker compose up --build} with nothing run on
 * the host first. The secrets come from the one-shot service {@code secrets} (StackSecrets), each container
 * reads only its own, every JVM has a memory limit and exits on an OutOfMemoryError, and Postgres and
 * RabbitMQ run the versions deploy/k8s runs. No Docker runs here: this reads the file as compose does
 * (ComposeSchemaTest checks it against the Compose Specification).
 */
class ComposeTest {
    static final String SECRETS = "secrets";
    /** Where each consumer mounts its own secrets volume (read-only). */
    static final String SECRETS_MOUNT = "/run/secrets/social";

    private final Map<String, Object> services = Observability.composeServices();

    @Test
    void composeNeedsNoVariableAndNoFileThatAStepOnTheHostWouldHaveToMake() throws Exception {
        String compose = Manifests.read(Observability.COMPOSE);

        Matcher required = Pattern.compile("\\$\\{([A-Za-z0-9_]+):?\\?").matcher(compose);
        assertThat(required.find()).as("a variable compose requires").isFalse();
        for (Map.Entry<String, Map<String, Object>> service : all().entrySet()) {
            for (String source : mounts(service.getValue()).values()) {
                if (source.startsWith("./")) {
                    Path file = Observability.ROOT.resolve(source.substring(2).replaceFirst(":ro$", ""));
                    assertThat(file).as(service.getKey() + " mounts " + source).exists();
                    assertThat(gitIgnored(file))
                            .as(service.getKey() + " mounts " + source + ", which is git-ignored (made on the host)")
                            .isFalse();
                }
            }
        }
    }

    @Test
    void everyOtherContainerStartsAfterTheSecretsOneShotSucceeded() {
        Map<String, Object> secrets = all().get(SECRETS);
        assertThat(secrets.get("restart")).isEqualTo("no");
        for (Map.Entry<String, Map<String, Object>> service : all().entrySet()) {
            if (service.getKey().equals(SECRETS)) {
                continue;
            }
            Map<String, Object> dependsOn =
                    Observability.map(service.getValue().get("depends_on"), service.getKey() + " depends_on");
            assertThat(Observability.map(dependsOn.get(SECRETS), service.getKey() + " depends_on secrets"))
                    .as(service.getKey())
                    .containsEntry("condition", "service_completed_successfully");
        }
    }

    /**
     * The one-shot mounts every secrets volume at /secrets/&lt;consumer&gt; (the directories StackSecrets
     * writes); every other container mounts only its own, read-only, where it reads it.
     */
    @Test
    void eachContainerMountsOnlyItsOwnSecretsVolumeWhichTheOneShotWrites() {
        Map<String, String> written = new TreeMap<>();
        mounts(all().get(SECRETS)).forEach((target, source) -> written.put(source, target));
        assertThat(written).containsEntry("secrets", "/secrets/all");

        Map<String, String> consumers = new TreeMap<>(Map.of(
                "postgres", "secrets-postgres", "rabbitmq", "secrets-rabbitmq", Observability.LGTM, "secrets-grafana"));
        for (String service : all().keySet()) {
            if (service.endsWith("-service") || service.equals("api-gateway")) {
                consumers.put(service, "secrets-" + service);
            }
        }
        assertThat(consumers).hasSize(10);
        for (Map.Entry<String, String> consumer : consumers.entrySet()) {
            Map<String, String> mounts = mounts(all().get(consumer.getKey()));
            List<String> secretVolumes = mounts.values().stream()
                    .filter(source -> source.startsWith("secrets"))
                    .toList();
            assertThat(secretVolumes).as(consumer.getKey()).containsExactly(consumer.getValue() + ":ro");
            String directory = consumer.getValue().substring("secrets-".length());
            assertThat(written).as(consumer.getKey()).containsEntry(consumer.getValue(), "/secrets/" + directory);
        }
    }

    @Test
    void everyServiceReadsItsSecretsAsAConfigTreeAndNoneFromTheEnvironment() {
        for (Map.Entry<String, Map<String, Object>> service : all().entrySet()) {
            if (!service.getKey().endsWith("-service") && !service.getKey().equals("api-gateway")) {
                continue;
            }
            Map<String, Object> env =
                    Observability.map(service.getValue().get("environment"), service.getKey() + " environment");
            assertThat(env)
                    .as(service.getKey())
                    .containsEntry("SPRING_CONFIG_IMPORT", "configtree:" + SECRETS_MOUNT + "/");
            assertThat(mounts(service.getValue())).as(service.getKey()).containsKey(SECRETS_MOUNT);
            assertThat(env.keySet())
                    .as(service.getKey())
                    .doesNotContain("DB_PASSWORD", "RABBIT_PASSWORD", "AUTH_SIGNING_PRIVATE_KEY");
        }
        Map<String, Object> postgres = Observability.map(all().get("postgres").get("environment"), "postgres");
        assertThat(postgres).containsEntry("POSTGRES_PASSWORD_FILE", SECRETS_MOUNT + "/POSTGRES_PASSWORD");
        assertThat(postgres).containsEntry("SECRETS_DIR", SECRETS_MOUNT);
        assertThat(Manifests.read(Observability.ROOT.resolve("deploy/rabbitmq/rabbitmq.conf")))
                .contains("load_definitions = /etc/rabbitmq/social/definitions.json");
        assertThat(mounts(all().get("rabbitmq"))).containsEntry("/etc/rabbitmq/social", "secrets-rabbitmq:ro");
    }

    @Test
    void everyContainerHasAMemoryLimitAndEveryJvmExitsOnAnOutOfMemoryError() {
        for (Map.Entry<String, Map<String, Object>> service : all().entrySet()) {
            Object memory = memoryLimit(service.getValue());
            assertThat(memory)
                    .as(service.getKey() + " deploy.resources.limits.memory")
                    .isNotNull();
        }
        String dockerfile = Manifests.read(Observability.ROOT.resolve("deploy/Dockerfile"));
        Matcher entrypoint = Pattern.compile("(?m)^ENTRYPOINT (.*)$").matcher(dockerfile);
        assertThat(entrypoint.find()).isTrue();
        assertThat(entrypoint.group(1)).contains("\"-XX:+ExitOnOutOfMemoryError\"", "\"-XX:MaxRAMPercentage=75\"");
        List<Object> oneShot = Observability.list(all().get(SECRETS).get("entrypoint"), "secrets entrypoint");
        assertThat(oneShot).contains("java", "-XX:+ExitOnOutOfMemoryError");
        assertThat(oneShot).anyMatch(option -> option.toString().startsWith("-Xmx"));
    }

    @Test
    void postgresAndRabbitMqRunTheVersionsOfTheKubernetesManifests() {
        List<Manifest> base = Kustomizations.resources(KubernetesManifestsTest.BASE);
        GenericKubernetesResource database = custom(base, "Cluster");
        GenericKubernetesResource broker = custom(base, "RabbitmqCluster");
        String databaseVersion = tag((String) database.get("spec", "imageName"));
        String brokerVersion = tag((String) broker.get("spec", "image")).replace("-management", "");

        assertThat(tag((String) all().get("postgres").get("image"))).isEqualTo(databaseVersion + "-alpine");
        assertThat(tag((String) all().get("rabbitmq").get("image"))).isEqualTo(brokerVersion + "-management");
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Map<String, Object>> all() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        services.forEach((name, definition) -> all.put(name, Observability.map(definition, name)));
        return all;
    }

    /** A service's mounts, target to source (with {@code :ro} when read-only), from the short syntax. */
    static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        if (!service.containsKey("volumes")) {
            return mounts;
        }
        for (Object volume : Observability.list(service.get("volumes"), "volumes")) {
            String[] parts = volume.toString().split(":");
            assertThat(parts.length).as(volume.toString()).isBetween(2, 3);
            mounts.put(parts[1], parts[0] + (parts.length == 3 ? ":" + parts[2] : ""));
        }
        return mounts;
    }

    private static Object memoryLimit(Map<String, Object> service) {
        Object deploy = service.get("deploy");
        if (!(deploy instanceof Map<?, ?> deployMap) || !(deployMap.get("resources") instanceof Map<?, ?> resources)) {
            return null;
        }
        return resources.get("limits") instanceof Map<?, ?> limits ? limits.get("memory") : null;
    }

    private static String tag(String image) {
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private static GenericKubernetesResource custom(List<Manifest> manifests, String kind) {
        return manifests.stream()
                .map(Manifest::resource)
                .filter(resource -> resource.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static boolean gitIgnored(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        "git", "-C", Observability.ROOT.toString(), "check-ignore", "-q", file.toString())
                .start();
        return process.waitFor() == 0;
    }
}
