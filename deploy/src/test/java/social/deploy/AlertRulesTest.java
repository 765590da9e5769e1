package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The alert rules (deploy/observability/prometheus/alerts.yaml, docs/operations.md "Alerts"): valid
 * PromQL over the metrics the services and RabbitMQ serve, in a file Prometheus loads, each required alert
 * there with its threshold, a runbook in docs/operations.md for each, ServiceDown watching every scrape job, and
 * Kubernetes' PrometheusRule the same rules, generated.
 */
class AlertRulesTest {
    /** An alert the system must have: the metric it watches and the condition, as written in its expression. */
    record Required(String metric, String condition, String forDuration) {}

    static final Map<String, Required> REQUIRED = required();
    /** The keys Prometheus accepts in a rule file (it refuses a file with any other). */
    static final Set<String> FILE_KEYS = Set.of("groups");

    static final Set<String> GROUP_KEYS = Set.of("name", "rules", "interval", "limit", "query_offset", "labels");
    static final Set<String> RULE_KEYS =
            Set.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");
    static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|s|m|h|d|w|y))+");

    private final List<Observability.Rule> rules = Observability.rules();

    private static Map<String, Required> required() {
        Map<String, Required> required = new LinkedHashMap<>();
        required.put("ServiceDown", new Required("up", "== 0", "1m"));
        required.put("DeadLettersNotEmpty", new Required("social_events_dead_letters", "> 0", "1m"));
        required.put("OutboxLagHigh", new Required("social_outbox_lag_seconds", "> 10", "1m"));
        required.put("SubscriptionStuck", new Required("social_events_stuck_seconds", "> 60", null));
        required.put(
                "GatewayLatencyHigh",
                new Required("http_server_requests_seconds_bucket", "histogram_quantile(0.99,", "5m"));
        required.put(
                "RpcLatencyHigh", new Required("social_rpc_client_seconds_bucket", "histogram_quantile(0.99,", "5m"));
        return required;
    }

    @Test
    void everyRuleIsValidPromQlOverTheServedMetricsInAFilePrometheusLoads() {
        JsonNode file = Manifests.tree(Observability.ALERTS);
        assertThat(FILE_KEYS).containsAll(file.propertyNames());
        Set<String> groups = new TreeSet<>();
        for (JsonNode group : file.path("groups")) {
            assertThat(GROUP_KEYS).containsAll(group.propertyNames());
            assertThat(groups.add(group.path("name").asString()))
                    .as("group names are unique")
                    .isTrue();
            for (JsonNode rule : group.path("rules")) {
                assertThat(RULE_KEYS).as(rule.toString()).containsAll(rule.propertyNames());
            }
        }
        assertThat(rules).isNotEmpty();
        Set<String> names = new TreeSet<>();
        for (Observability.Rule rule : rules) {
            assertThat(rule.alert()).as("every rule is an alert").isNotBlank();
            assertThat(names.add(rule.alert())).as(rule.alert() + " is unique").isTrue();
            PromQl.Query query = PromQl.parse(rule.expr());
            assertThat(query.type()).as(rule.alert()).isEqualTo(PromQl.Type.VECTOR);
            assertThat(Meters.problems(query)).as(rule.alert()).isEmpty();
            if (rule.forDuration() != null) {
                assertThat(rule.forDuration()).as(rule.alert()).matches(DURATION);
            }
            assertThat(rule.node().path("labels").path("severity").asString())
                    .as(rule.alert())
                    .isIn("critical", "warning");
            for (String annotation : List.of("summary", "description", "runbook")) {
                assertThat(rule.node().path("annotations").path(annotation).asString())
                        .as(rule.alert() + " " + annotation)
                        .isNotBlank();
            }
        }
    }

    @Test
    void everyRequiredAlertWatchesItsMetricWithItsThreshold() {
        Map<String, Observability.Rule> byName = new LinkedHashMap<>();
        rules.forEach(rule -> byName.put(rule.alert(), rule));
        assertThat(byName.keySet()).containsAll(REQUIRED.keySet());
        for (Map.Entry<String, Required> entry : REQUIRED.entrySet()) {
            Observability.Rule rule = byName.get(entry.getKey());
            String expression = rule.expr().replaceAll("\\s+", " ");
            assertThat(PromQl.parse(rule.expr()).metrics())
                    .as(entry.getKey())
                    .contains(entry.getValue().metric());
            assertThat(expression).as(entry.getKey()).contains(entry.getValue().condition());
            assertThat(rule.forDuration())
                    .as(entry.getKey())
                    .isEqualTo(entry.getValue().forDuration());
        }
        // p99 over 100 ms: the benchmark's target
        for (String latency : List.of("GatewayLatencyHigh", "RpcLatencyHigh")) {
            assertThat(byName.get(latency).expr().replaceAll("\\s+", " ")).contains(") > 0.1");
        }
    }

    /** ServiceDown's job matcher takes every job compose's Prometheus scrapes (Kubernetes': KubernetesMonitoringTest). */
    @Test
    void serviceDownWatchesEveryScrapeJob() {
        Pattern jobs = serviceDownJobs();
        for (JsonNode job : Manifests.tree(Observability.PROMETHEUS).path("scrape_configs")) {
            assertThat(jobs.matcher(job.path("job_name").asString()).matches())
                    .as(job.path("job_name").asString())
                    .isTrue();
        }
    }

    @Test
    void everyAlertHasARunbookUnderItsNameInTheOperationsDoc() {
        Set<String> anchors = MarkdownLinks.anchors(Manifests.read(Observability.OPERATIONS));
        for (Observability.Rule rule : rules) {
            String runbook = rule.node().path("annotations").path("runbook").asString();
            assertThat(runbook).as(rule.alert()).isEqualTo("docs/operations.md#" + anchor(rule.alert()));
            assertThat(anchors).as(rule.alert() + "'s runbook").contains(anchor(rule.alert()));
        }
    }

    /**
     * Kubernetes' PrometheusRule (components/monitoring/alert-rules.yaml) holds alerts.yaml's groups, and is
     * exactly what deploy/observability/generate-prometheus-rule.sh writes from it: one source.
     */
    @Test
    void thePrometheusRuleOfKubernetesIsTheRuleFileAsTheScriptWritesIt(@TempDir Path dir) throws Exception {
        Path committed = Manifests.K8S.resolve("components/monitoring/alert-rules.yaml");
        Path generated = dir.resolve("alert-rules.yaml");
        Observability.runScript(dir, Observability.GENERATE_RULE.toString(), generated.toString());
        assertThat(Files.readString(committed))
                .as("regenerate it: deploy/observability/generate-prometheus-rule.sh")
                .isEqualTo(Files.readString(generated));

        List<Manifest> parsed = Manifests.parse("alert-rules.yaml", Files.readString(committed));
        assertThat(parsed).singleElement().extracting(Manifest::kind).isEqualTo("PrometheusRule");
        JsonNode rule = Manifests.tree(Files.readString(committed));
        assertThat(rule.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(rule.path("spec").path("groups"))
                .isEqualTo(Manifests.tree(Observability.ALERTS).path("groups"));
    }

    // ------------------------------------------------------------------------------- helpers

    /** The regular expression ServiceDown matches job names with. */
    static Pattern serviceDownJobs() {
        Observability.Rule serviceDown = Observability.rules().stream()
                .filter(rule -> "ServiceDown".equals(rule.alert()))
                .findFirst()
                .orElseThrow();
        List<PromQl.LabelMatcher> jobMatchers = new ArrayList<>();
        for (PromQl.Selector selector : PromQl.parse(serviceDown.expr()).selectors()) {
            selector.matchers().stream()
                    .filter(matcher -> matcher.label().equals("job"))
                    .forEach(jobMatchers::add);
        }
        assertThat(jobMatchers)
                .singleElement()
                .extracting(PromQl.LabelMatcher::op)
                .isEqualTo("=~");
        // Prometheus anchors a label regex at both ends, as matches() does
        return Pattern.compile(jobMatchers.get(0).value());
    }

    /** GitHub's anchor of a heading ({@link MarkdownLinks#slug}). */
    static String anchor(String heading) {
        return MarkdownLinks.slug(heading);
    }
}
