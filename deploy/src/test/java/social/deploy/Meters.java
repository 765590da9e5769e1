package social.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every metric the dashboard and the alert rules may read, with its labels: the one list of them. The
 * services' meters as their Prometheus endpoints serve them (Micrometer's names: a timer {@code a.b} is
 * {@code a_b_seconds_count/_sum/_max}, and {@code _bucket} with {@code le} where its histogram is on;
 * every meter carries the common tag {@code application}), RabbitMQ's rabbitmq_prometheus plugin's, and
 * what Prometheus itself makes ({@code up}, {@code ALERTS}). A meter renamed in a service and not here,
 * or here and not in a query, fails the deploy module's tests (DashboardTest, AlertRulesTest).
 */
final class Meters {
    /** Labels Prometheus gives every scraped series. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    /** Metric name → its labels (target labels included). */
    static final Map<String, Set<String>> LABELS = catalog();

    private Meters() {}

    /**
     * What is wrong with {@code query}'s use of metrics: a metric not in the list, or a label name (in a
     * matcher, {@code by}, {@code on}, ...) that none of the metrics it reads has.
     */
    static List<String> problems(PromQl.Query query) {
        List<String> problems = new ArrayList<>();
        Set<String> available = new TreeSet<>(TARGET_LABELS);
        for (String metric : query.metrics()) {
            Set<String> labels = LABELS.get(metric);
            if (labels == null) {
                problems.add("unknown metric " + metric + " in: " + query.text());
            } else {
                available.addAll(labels);
            }
        }
        for (String label : query.labels()) {
            if (!label.equals("__name__") && !available.contains(label)) {
                problems.add("label " + label + " is on none of " + query.metrics() + " in: " + query.text());
            }
        }
        return problems;
    }

    private static Map<String, Set<String>> catalog() {
        Map<String, Set<String>> catalog = new LinkedHashMap<>();
        // every service and the gateway (docs/operations.md, "Metrics"; service-support and the gateway)
        timer(
                catalog,
                "http_server_requests_seconds",
                true,
                "method",
                "uri",
                "status",
                "outcome",
                "exception",
                "error");
        timer(catalog, "social_rpc_client_seconds", true, "operation", "outcome");
        timer(catalog, "social_rpc_server_seconds", true, "operation", "outcome");
        service(catalog, "social_events_seconds_count", "subscription", "outcome");
        service(catalog, "social_events_seconds_sum", "subscription", "outcome");
        service(catalog, "social_events_dead_letters", "queue");
        service(catalog, "social_events_stuck_seconds", "queue");
        service(catalog, "social_outbox_pending");
        service(catalog, "social_outbox_lag_seconds");
        service(catalog, "social_outbox_unrouted_aggregates");
        service(catalog, "social_outbox_unrouted_total", "type");
        service(catalog, "social_outbox_missing_queue_total", "type", "queue");
        service(catalog, "social_notification_streams");
        service(catalog, "cache_gets_total", "cache", "result");
        service(catalog, "cache_size", "cache");
        service(catalog, "jvm_memory_used_bytes", "area", "id");
        service(catalog, "jvm_memory_max_bytes", "area", "id");
        timer(catalog, "jvm_gc_pause_seconds", false, "action", "cause", "gc");
        service(catalog, "jvm_threads_live_threads");
        service(catalog, "process_cpu_usage");
        for (String state : List.of("active", "idle", "pending")) {
            service(catalog, "hikaricp_connections_" + state, "pool");
        }
        // the RabbitMQ Java client's (one per connection factory, tag name)
        for (String meter : List.of(
                "rabbitmq_connections",
                "rabbitmq_published_total",
                "rabbitmq_consumed_total",
                "rabbitmq_rejected_total",
                "rabbitmq_acknowledged_total")) {
            service(catalog, meter, "name");
        }
        // RabbitMQ's rabbitmq_prometheus: /metrics/detailed?family=queue_coarse_metrics&family=queue_consumer_count
        for (String metric : List.of(
                "rabbitmq_detailed_queue_messages",
                "rabbitmq_detailed_queue_messages_ready",
                "rabbitmq_detailed_queue_messages_unacked",
                "rabbitmq_detailed_queue_consumers")) {
            add(catalog, metric, "vhost", "queue");
        }
        // ... and /metrics: the node's resource alarms (1 while raised)
        for (String alarm : List.of("memory_used_watermark", "free_disk_space_watermark", "file_descriptor_limit")) {
            add(catalog, "rabbitmq_alarms_" + alarm);
        }
        // Prometheus': whether a scrape answered, and the alert rules' state
        add(catalog, "up");
        add(catalog, "ALERTS", "alertname", "alertstate", "severity");
        return Map.copyOf(catalog);
    }

    /** A Micrometer timer's series: count, sum and max, and the buckets where its histogram is on. */
    private static void timer(Map<String, Set<String>> catalog, String name, boolean histogram, String... labels) {
        service(catalog, name + "_count", labels);
        service(catalog, name + "_sum", labels);
        service(catalog, name + "_max", labels);
        if (histogram) {
            List<String> withBucket = new ArrayList<>(List.of(labels));
            withBucket.add("le");
            service(catalog, name + "_bucket", withBucket.toArray(String[]::new));
        }
    }

    /** A service's meter: its own tags and the common tag application. */
    private static void service(Map<String, Set<String>> catalog, String name, String... labels) {
        List<String> all = new ArrayList<>(List.of(labels));
        all.add("application");
        add(catalog, name, all.toArray(String[]::new));
    }

    private static void add(Map<String, Set<String>> catalog, String name, String... labels) {
        Set<String> all = new LinkedHashSet<>(List.of(labels));
        all.addAll(TARGET_LABELS);
        catalog.merge(name, Set.copyOf(all), (a, b) -> {
            Set<String> union = new LinkedHashSet<>(a);
            union.addAll(b);
            return Set.copyOf(union);
        });
    }
}
