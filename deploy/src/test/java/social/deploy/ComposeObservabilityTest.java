package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml's observability (docs/operations.md, "Docker compose", "Grafana in docker compose"): the lgtm container (grafana/otel-lgtm) is
 * pinned, gets every service's spans, scrapes every service where it listens and RabbitMQ per queue, reads
 * its configuration from deploy/observability where the image looks for it, and publishes only Grafana, on
 * the loopback, behind a password that compose's one-shot service generates. No Docker runs here: this reads the files as compose,
 * Prometheus and Grafana do.
 */
class ComposeObservabilityTest {
    /** Where grafana/otel-lgtm reads its configuration (docker/Dockerfile, run-prometheus.sh, run-grafana.sh). */
    static final String IMAGE_PROMETHEUS_CONFIG = "/otel-lgtm/prometheus.yaml";

    static final String IMAGE_PROVISIONING = "/otel-lgtm/grafana/conf/provisioning";
    /** The image's own data-source file, which deploy/observability/grafana/datasources.yaml replaces. */
    static final String IMAGE_DATASOURCES = IMAGE_PROVISIONING + "/datasources/grafana-datasources.yaml";
    /** The image's collector receives OTLP/HTTP on 4318. */
    static final int IMAGE_OTLP_HTTP_PORT = 4318;

    static final Pattern PINNED_LGTM = Pattern.compile("grafana/otel-lgtm:\\d+\\.\\d+\\.\\d+@sha256:[0-9a-f]{64}");
    /** The keys Prometheus accepts in its configuration file and in a scrape job (it refuses any other). */
    static final Set<String> PROMETHEUS_KEYS = Set.of(
            "global",
            "rule_files",
            "scrape_configs",
            "scrape_config_files",
            "alerting",
            "remote_write",
            "remote_read",
            "storage",
            "tracing",
            "otlp",
            "runtime");

    static final Set<String> SCRAPE_JOB_KEYS = Set.of(
            "job_name",
            "metrics_path",
            "params",
            "static_configs",
            "scrape_interval",
            "scrape_timeout",
            "scheme",
            "honor_labels",
            "relabel_configs",
            "metric_relabel_configs");

    private final Map<String, Object> services = Observability.composeServices();
    private final JsonNode prometheus = Manifests.tree(Observability.PROMETHEUS);

    @Test
    void everyImageIsPinnedAndTheObservabilityImageToAReleaseAndItsDigest() {
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> definition = Observability.map(service.getValue(), service.getKey());
            if (definition.containsKey("build")) {
                continue;
            }
            String image = (String) definition.get("image");
            assertThat(ManifestRules.imageProblem(image))
                    .as(service.getKey() + ": " + image)
                    .isNull();
        }
        assertThat((String) lgtm().get("image")).matches(PINNED_LGTM);
    }

    @Test
    void everyAppServiceSendsItsSpansToTheObservabilityContainersCollector() {
        assertThat(appServices()).hasSize(7);
        for (Map.Entry<String, Map<String, Object>> service : appServices().entrySet()) {
            Map<String, Object> env = environment(service.getValue(), service.getKey());
            String where = service.getKey();
            URI endpoint = URI.create(Observability.unsetValue((String) env.get("OTLP_TRACING_ENDPOINT")));
            assertThat(endpoint.getHost()).as(where).isEqualTo(Observability.LGTM);
            assertThat(endpoint.getPort()).as(where).isEqualTo(IMAGE_OTLP_HTTP_PORT);
            assertThat(endpoint.getPath()).as(where).isEqualTo("/v1/traces");
            double sampling =
                    Double.parseDouble(Observability.unsetValue((String) env.get("TRACING_SAMPLING_PROBABILITY")));
            assertThat(sampling).as(where).isGreaterThan(0).isLessThanOrEqualTo(1);
            // passed on from the shell or .env when set there
            assertThat(env).as(where).containsKey("LOG_FORMAT");
        }
    }

    @Test
    void everyAppServiceIsScrapedAtItsActuatorOnAnAddressTheContainerListensOnAndNoMetricsPortIsPublished() {
        Map<String, JsonNode> jobs = scrapeJobs();
        for (Map.Entry<String, Map<String, Object>> service : appServices().entrySet()) {
            String name = service.getKey();
            Map<String, Object> env = environment(service.getValue(), name);
            boolean management = env.containsKey("MANAGEMENT_PORT");
            String port = management
                    ? (String) env.get("MANAGEMENT_PORT")
                    : buildArgs(service.getValue()).get("PORT");
            String address = (String) env.get(management ? "MANAGEMENT_SERVER_ADDRESS" : "SERVER_ADDRESS");
            assertThat(address).as(name + " listens for the scraper").isEqualTo("0.0.0.0");

            JsonNode job = jobs.get(name);
            assertThat(job).as("scrape job " + name).isNotNull();
            assertThat(job.path("metrics_path").asString()).as(name).isEqualTo("/actuator/prometheus");
            assertThat(targets(job)).as(name).containsExactly(name + ":" + port);

            for (Object published : ports(service.getValue())) {
                String mapping = String.valueOf(published);
                String containerPort = mapping.substring(mapping.lastIndexOf(':') + 1);
                assertThat(containerPort)
                        .as(name + " publishes " + mapping)
                        .isEqualTo(buildArgs(service.getValue()).get("PORT"))
                        .isNotEqualTo(port);
            }
        }
        Set<String> expected = new TreeSet<>(appServices().keySet());
        expected.addAll(List.of("rabbitmq", "rabbitmq-queues"));
        assertThat(new TreeSet<>(jobs.keySet())).isEqualTo(expected);
    }

    @Test
    void rabbitMqIsScrapedForItsNodeAndPerQueueOfTheVirtualHostWithoutCredentials() {
        Map<String, JsonNode> jobs = scrapeJobs();
        String broker = "rabbitmq";
        assertThat((String) Observability.map(services.get(broker), broker).get("image"))
                // the official image enables rabbitmq_prometheus (port 15692)
                .startsWith("rabbitmq:");
        JsonNode node = jobs.get("rabbitmq");
        assertThat(node.path("metrics_path").asString()).isEqualTo("/metrics");
        assertThat(targets(node)).containsExactly(broker + ":15692");

        JsonNode queues = jobs.get("rabbitmq-queues");
        assertThat(queues.path("metrics_path").asString()).isEqualTo("/metrics/detailed");
        assertThat(targets(queues)).containsExactly(broker + ":15692");
        assertThat(strings(queues.path("params").path("family")))
                .containsExactlyInAnyOrder("queue_coarse_metrics", "queue_consumer_count");
        String vhost = (String)
                environment(appServices().get("post-service"), "post-service").get("RABBIT_VHOST");
        assertThat(strings(queues.path("params").path("vhost"))).containsExactly(vhost);
        for (JsonNode job : List.of(node, queues)) {
            assertThat(job.has("basic_auth") || job.has("authorization")).isFalse();
        }
    }

    @Test
    void onlyGrafanaIsPublishedOnTheLoopbackBehindAnAdminPasswordFromItsSecretsVolume() {
        Map<String, Object> lgtm = lgtm();
        assertThat(ports(lgtm)).containsExactly("127.0.0.1:3000:3000");
        Map<String, Object> env = environment(lgtm, Observability.LGTM);
        // StackSecrets writes admin-password into the volume the one-shot service mounts at /secrets/grafana;
        // Grafana expands $__file{path} ("$$" is compose's escape of "$")
        assertThat(env)
                .containsEntry(
                        "GF_SECURITY_ADMIN_PASSWORD", "$$__file{" + ComposeTest.SECRETS_MOUNT + "/admin-password}");
        assertThat(ComposeTest.mounts(lgtm)).containsEntry(ComposeTest.SECRETS_MOUNT, "secrets-grafana:ro");
        // the image's default lets anonymous visitors administer Grafana
        assertThat(env).containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
    }

    @Test
    void theObservabilityContainerReadsItsConfigurationFromTheRepositoryWhereTheImageLooksForIt() {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object volume : Observability.list(lgtm().get("volumes"), "lgtm volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            assertThat(parts).as(String.valueOf(volume)).hasSize(3);
            assertThat(parts[2]).as(volume + " is read-only").isEqualTo("ro");
            if (!parts[0].startsWith("./")) {
                continue; // its secrets volume (ComposeTest)
            }
            Path source = Observability.ROOT.resolve(parts[0]).normalize();
            assertThat(source).as(String.valueOf(volume)).isRegularFile();
            mounts.put(Observability.ROOT.relativize(source).toString(), parts[1]);
        }
        assertThat(mounts).containsEntry(relative(Observability.PROMETHEUS), IMAGE_PROMETHEUS_CONFIG);
        assertThat(mounts).containsEntry(relative(Observability.DATASOURCES), IMAGE_DATASOURCES);

        String rules = mounts.get(relative(Observability.ALERTS));
        List<String> ruleFiles = strings(prometheus.path("rule_files"));
        assertThat(ruleFiles).hasSize(1);
        assertThat(FileSystems.getDefault()
                        .getPathMatcher("glob:" + ruleFiles.get(0))
                        .matches(Path.of(rules)))
                .as(rules + " is loaded by rule_files " + ruleFiles)
                .isTrue();

        assertThat(mounts.get(relative(Observability.DASHBOARDS)))
                .matches(Pattern.quote(IMAGE_PROVISIONING + "/dashboards/") + "[a-z-]+\\.yaml");
        String folder = Manifests.tree(Observability.DASHBOARDS)
                .path("providers")
                .path(0)
                .path("options")
                .path("path")
                .asString();
        String dashboard = mounts.get(relative(Observability.DASHBOARD));
        assertThat(Path.of(dashboard).getParent()).isEqualTo(Path.of(folder));
        assertThat(environment(lgtm(), Observability.LGTM))
                .containsEntry("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", dashboard);
    }

    @Test
    void prometheusKnowsEveryKeyOfItsConfigurationAndGrafanaRatesOverItsScrapeInterval() {
        assertThat(PROMETHEUS_KEYS).containsAll(prometheus.propertyNames());
        for (JsonNode job : prometheus.path("scrape_configs")) {
            assertThat(SCRAPE_JOB_KEYS).as(job.path("job_name").asString()).containsAll(job.propertyNames());
        }
        JsonNode datasource = null;
        for (JsonNode candidate : Manifests.tree(Observability.DATASOURCES).path("datasources")) {
            if (candidate.path("type").asString().equals("prometheus")) {
                datasource = candidate;
            }
        }
        assertThat(datasource).isNotNull();
        // Grafana's $__rate_interval is four times this: it must be the real scrape interval
        assertThat(datasource.path("jsonData").path("timeInterval").asString())
                .isEqualTo(prometheus.path("global").path("scrape_interval").asString());
        assertThat(datasource.path("url").asString()).isEqualTo("http://127.0.0.1:9090");
        // the dashboard's data-source variable starts on this one
        String chosen = "";
        for (JsonNode variable : Observability.dashboard().path("templating").path("list")) {
            if (variable.path("type").asString().equals("datasource")) {
                chosen = variable.path("current").path("value").asString();
            }
        }
        assertThat(chosen).isEqualTo(datasource.path("uid").asString());
    }

    /**
     * Issue 26, item 8 (docs/security.md, "Management endpoints"): no actuator is published to the host (only
     * the gateway's public port is, every other published port binds the loopback); the scraper asks each
     * service by its compose name, which is its application name and so one the actuator answers under
     * (social.management.allowed-hosts); the operator's token comes from the service's secrets, never from
     * this file.
     */
    @Test
    void noActuatorIsPublishedAndTheScraperAsksEachByANameItAnswersUnderWithTheTokenFromItsSecrets() {
        Map<String, JsonNode> jobs = scrapeJobs();
        for (Map.Entry<String, Map<String, Object>> service : appServices().entrySet()) {
            String name = service.getKey();
            Map<String, Object> env = environment(service.getValue(), name);
            assertThat(applicationName(name))
                    .as(name + "'s spring.application.name")
                    .isEqualTo(name);
            if (env.containsKey("MANAGEMENT_ALLOWED_HOSTS")) {
                assertThat(List.of(((String) env.get("MANAGEMENT_ALLOWED_HOSTS")).split(",")))
                        .as(name)
                        .contains(name);
            }
            for (String target : targets(jobs.get(name))) {
                assertThat(target.substring(0, target.lastIndexOf(':')))
                        .as(name)
                        .isEqualTo(name);
            }
            assertThat(env).as(name).doesNotContainKey("MANAGEMENT_TOKEN");
        }
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> definition = Observability.map(service.getValue(), service.getKey());
            for (Object published : ports(definition)) {
                String mapping = String.valueOf(published);
                boolean gatewaysPublicPort = service.getKey().equals("api-gateway")
                        && mapping.endsWith(":" + buildArgs(definition).get("PORT"));
                if (!gatewaysPublicPort) {
                    assertThat(mapping)
                            .as(service.getKey() + " publishes " + mapping + " beyond the loopback")
                            .startsWith("127.0.0.1:");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------- helpers

    /** The services compose builds from this repository (the seven apps), by name. */
    private Map<String, Map<String, Object>> appServices() {
        Map<String, Map<String, Object>> apps = new TreeMap<>();
        services.forEach((name, definition) -> {
            Map<String, Object> service = Observability.map(definition, name);
            if (service.containsKey("build") && !name.equals(ComposeTest.SECRETS)) {
                apps.put(name, service);
            }
        });
        return apps;
    }

    private Map<String, Object> lgtm() {
        return Observability.map(services.get(Observability.LGTM), Observability.LGTM);
    }

    private Map<String, JsonNode> scrapeJobs() {
        Map<String, JsonNode> jobs = new LinkedHashMap<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            assertThat(jobs.put(job.path("job_name").asString(), job))
                    .as("job names are unique")
                    .isNull();
        }
        return jobs;
    }

    private static List<String> targets(JsonNode job) {
        List<String> targets = new ArrayList<>();
        for (JsonNode group : job.path("static_configs")) {
            targets.addAll(strings(group.path("targets")));
        }
        return targets;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static Map<String, Object> environment(Map<String, Object> service, String name) {
        return Observability.map(service.get("environment"), name + " environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> buildArgs(Map<String, Object> service) {
        Map<String, Object> build = Observability.map(service.get("build"), "build");
        return (Map<String, String>) (Map<String, ?>) Observability.map(build.get("args"), "build args");
    }

    private static List<Object> ports(Map<String, Object> service) {
        return service.containsKey("ports") ? Observability.list(service.get("ports"), "ports") : List.of();
    }

    /** {@code spring.application.name} of the module the service is built from (its application.yml). */
    private static String applicationName(String module) {
        Matcher name = Pattern.compile("(?m)^  application:\\s*\\n(?:\\s*#.*\\n)*    name: (\\S+)")
                .matcher(Manifests.read(Observability.ROOT.resolve(module + "/src/main/resources/application.yml")));
        assertThat(name.find()).as(module + " names its application").isTrue();
        return name.group(1);
    }

    private static String relative(Path file) {
        return Observability.ROOT.relativize(file).toString();
    }
}
