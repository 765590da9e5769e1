package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The provisioned Grafana dashboard (deploy/observability/grafana/social.json, docs/operations.md
 * "Dashboards"): every query is valid PromQL over the metrics the services and RabbitMQ serve, every panel
 * reads the data-source variable (so that the dashboard imports into any Grafana), the layout has no
 * overlap, every served metric is charted or alerted on, and docs/operations.md describes every row.
 */
class DashboardTest {
    /** Served series no panel or alert needs: a timer's maximum, and the sums beside the histograms. */
    static final Set<String> NOT_CHARTED = Set.of(
            "http_server_requests_seconds_max",
            "http_server_requests_seconds_sum",
            "social_rpc_client_seconds_max",
            "social_rpc_client_seconds_sum",
            "social_rpc_server_seconds_max",
            "social_rpc_server_seconds_sum",
            "jvm_gc_pause_seconds_max");

    static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

    private final JsonNode dashboard = Observability.dashboard();

    @Test
    void everyPanelQueryIsValidPromQlOverTheServedMetrics() {
        List<JsonNode> panels = panels();
        assertThat(panels).hasSizeGreaterThan(20);
        for (JsonNode panel : panels) {
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            String where = "panel " + panel.path("title").asString();
            assertThat(panel.path("targets")).as(where).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                PromQl.Query query = PromQl.parse(target.path("expr").asString());
                assertThat(query.type()).as(where).isIn(PromQl.Type.VECTOR, PromQl.Type.SCALAR);
                assertThat(Meters.problems(query)).as(where).isEmpty();
            }
        }
        // the service picker
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                Matcher values =
                        LABEL_VALUES.matcher(variable.path("definition").asString());
                assertThat(values.matches())
                        .as(variable.path("name").asString())
                        .isTrue();
                assertThat(Meters.LABELS.get(values.group(1))).contains(values.group(2));
                assertThat(variable.path("query").path("query").asString()).isEqualTo(values.group());
            }
        }
    }

    @Test
    void everyPanelAndQueryReadsTheDataSourceVariable() {
        JsonNode variable = null;
        for (JsonNode candidate : dashboard.path("templating").path("list")) {
            if (candidate.path("type").asString().equals("datasource")) {
                variable = candidate;
            }
        }
        assertThat(variable).isNotNull();
        assertThat(variable.path("query").asString()).isEqualTo("prometheus");
        String uid = "${" + variable.path("name").asString() + "}";
        for (JsonNode panel : panels()) {
            if (panel.path("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asString())
                    .as(panel.path("title").asString())
                    .isEqualTo(uid);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asString()).isEqualTo(uid);
            }
        }
    }

    @Test
    void panelIdsAreUniqueAndNoTwoPanelsOverlap() {
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        assertThat(dashboard.path("title").asString()).isNotBlank();
        Set<Integer> ids = new TreeSet<>();
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : panels()) {
            String where = panel.path("title").asString();
            assertThat(ids.add(panel.path("id").asInt())).as(where + " id").isTrue();
            JsonNode grid = panel.path("gridPos");
            int[] box = {
                grid.path("x").asInt(),
                grid.path("y").asInt(),
                grid.path("w").asInt(),
                grid.path("h").asInt()
            };
            assertThat(box[2]).as(where + " width").isPositive();
            assertThat(box[3]).as(where + " height").isPositive();
            assertThat(box[0] + box[2]).as(where + " fits the 24 columns").isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean overlap = box[0] < other[0] + other[2]
                        && other[0] < box[0] + box[2]
                        && box[1] < other[1] + other[3]
                        && other[1] < box[1] + box[3];
                assertThat(overlap).as(where + " overlaps another panel").isFalse();
            }
            boxes.add(box);
        }
    }

    /** A meter in the list that nothing shows is either missing here or gone from the services. */
    @Test
    void everyServedMetricIsChartedOrAlertedOn() {
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(PromQl.parse(target.path("expr").asString()).metrics());
            }
        }
        for (Observability.Rule rule : Observability.rules()) {
            used.addAll(PromQl.parse(rule.expr()).metrics());
        }
        Set<String> expected = new TreeSet<>(Meters.LABELS.keySet());
        expected.removeAll(NOT_CHARTED);
        assertThat(used).isEqualTo(expected);
    }

    @Test
    void theOperationsDocDescribesEveryRow() {
        String operations = Manifests.read(Observability.OPERATIONS);
        int start = operations.indexOf("\n## Dashboards\n");
        assertThat(start).isNotNegative();
        int end = operations.indexOf("\n## ", start + 1);
        String section = operations.substring(start, end < 0 ? operations.length() : end);
        for (JsonNode panel : panels()) {
            if (panel.path("type").asString().equals("row")) {
                assertThat(section).contains("**" + panel.path("title").asString() + "**");
            }
        }
    }

    /** Every panel, also those inside a collapsed row. */
    private List<JsonNode> panels() {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }
}
