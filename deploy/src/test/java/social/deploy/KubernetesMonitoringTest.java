package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Monitoring on Kubernetes (deploy/k8s/components/monitoring, in the prod overlay; docs/scaling.md
 * "Kubernetes"): a PodMonitor scrapes every Deployment's pods at their actuator on a port they declare, and
 * the broker per node and per queue, under the job names docker compose's Prometheus uses, so that one set
 * of alert rules (ServiceDown among them) fits both; Prometheus' namespace, and only it, reaches those ports.
 */
class KubernetesMonitoringTest {
    static final Path COMPONENT = Manifests.K8S.resolve("components/monitoring");
    static final String ACTUATOR_PROMETHEUS = "/actuator/prometheus";
    static final String MONITORING_NAMESPACE = "monitoring";
    /** The Prometheus Operator's fields of a PodMonitor used here (the model does not know its CRDs). */
    static final Set<String> POD_MONITOR_SPEC =
            Set.of("jobLabel", "selector", "podMetricsEndpoints", "namespaceSelector", "podTargetLabels");

    static final Set<String> ENDPOINT_FIELDS =
            Set.of("port", "path", "interval", "scrapeTimeout", "scheme", "params", "relabelings", "honorLabels");
    static final Set<String> RELABELING_FIELDS =
            Set.of("sourceLabels", "separator", "targetLabel", "regex", "replacement", "action");

    private final List<Manifest> base = Kustomizations.resources(KubernetesManifestsTest.BASE);
    private final List<Manifest> monitoring = Kustomizations.resources(COMPONENT);

    @Test
    void theProdOverlayIsMonitoredAndTheComponentListsEveryFileAndParses() {
        JsonNode prod = Manifests.tree(KubernetesManifestsTest.PROD.resolve(Kustomizations.FILE));
        List<String> components = new ArrayList<>();
        prod.path("components").forEach(component -> components.add(component.asString()));
        assertThat(components).containsExactly("../../components/monitoring");
        assertThat(KubernetesManifestsTest.PROD.resolve(components.get(0)).normalize())
                .isEqualTo(COMPONENT);
        assertThat(Manifests.tree(COMPONENT.resolve(Kustomizations.FILE))
                        .path("kind")
                        .asString())
                .isEqualTo("Component");
        assertThat(Kustomizations.listsEveryFile(COMPONENT)).isEmpty();
        assertThat(ManifestRules.knownFieldsOnly(monitoring)).isEmpty();
        assertThat(monitoring).extracting(Manifest::kind).contains("PodMonitor", "PrometheusRule", "NetworkPolicy");
        for (GenericKubernetesResource podMonitor : podMonitors()) {
            assertThat(podMonitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
            Map<String, Object> spec = podMonitor.get("spec");
            assertThat(POD_MONITOR_SPEC).containsAll(spec.keySet());
            for (Map<String, Object> endpoint : endpoints(podMonitor)) {
                assertThat(ENDPOINT_FIELDS).containsAll(endpoint.keySet());
                for (Map<String, Object> relabeling : relabelings(endpoint)) {
                    assertThat(RELABELING_FIELDS).containsAll(relabeling.keySet());
                }
            }
        }
    }

    /**
     * Each Deployment's pods: selected by one PodMonitor, at /actuator/prometheus on a port their container
     * declares, the port the service listens on (SERVER_PORT; the gateway: MANAGEMENT_PORT, on 0.0.0.0), and
     * named by a job that is the Deployment's name, as in compose, and that ServiceDown watches.
     */
    @Test
    void everyDeploymentIsScrapedAtItsActuatorUnderItsComposeJobName() {
        Pattern serviceDown = AlertRulesTest.serviceDownJobs();
        Set<String> composeJobs = composeJobs();
        for (Manifest deployment : ManifestRules.of(base, Deployment.class)) {
            Map<String, String> labels = ManifestRules.podLabels(deployment);
            List<GenericKubernetesResource> selecting = podMonitors().stream()
                    .filter(podMonitor -> labels.entrySet()
                            .containsAll(this.<Map<String, String>>field(podMonitor, "selector", "matchLabels")
                                    .entrySet()))
                    .toList();
            assertThat(selecting).as(deployment.where()).hasSize(1);
            GenericKubernetesResource podMonitor = selecting.get(0);
            String job = labels.get(podMonitor.<String>get("spec", "jobLabel"));
            assertThat(job).as(deployment.where() + " job").isEqualTo(deployment.name());
            assertThat(composeJobs).contains(job);
            assertThat(serviceDown.matcher(job).matches()).as(job).isTrue();

            Container container = ManifestRules.containers(deployment).get(0);
            Map<String, String> env = new HashMap<>();
            for (EnvVar variable : container.getEnv()) {
                env.put(variable.getName(), variable.getValue());
            }
            for (Map<String, Object> endpoint : endpoints(podMonitor)) {
                assertThat(endpoint.get("path")).isEqualTo(ACTUATOR_PROMETHEUS);
                ContainerPort port = container.getPorts().stream()
                        .filter(declared -> declared.getName().equals(endpoint.get("port")))
                        .findFirst()
                        .orElse(null);
                assertThat(port)
                        .as(deployment.where() + " declares port " + endpoint.get("port"))
                        .isNotNull();
                boolean management = env.containsKey("MANAGEMENT_PORT");
                assertThat(String.valueOf(port.getContainerPort()))
                        .as(deployment.where())
                        .isEqualTo(env.get(management ? "MANAGEMENT_PORT" : "SERVER_PORT"));
                if (management) {
                    assertThat(env.get("MANAGEMENT_SERVER_ADDRESS")).isEqualTo("0.0.0.0");
                }
            }
        }
    }

    @Test
    void theBrokerIsScrapedPerNodeAndPerQueueUnderComposesJobNames() {
        String cluster = base.stream()
                .filter(manifest -> manifest.kind().equals("RabbitmqCluster"))
                .findFirst()
                .orElseThrow()
                .name();
        GenericKubernetesResource broker = podMonitors().stream()
                .filter(podMonitor ->
                        cluster.equals(this.<Map<String, String>>field(podMonitor, "selector", "matchLabels")
                                .get("app.kubernetes.io/name")))
                .findFirst()
                .orElseThrow();
        Map<String, String> pathOfJob = new HashMap<>();
        for (Map<String, Object> endpoint : endpoints(broker)) {
            // the operator's name of the rabbitmq_prometheus port (15692)
            assertThat(endpoint.get("port")).isEqualTo("prometheus");
            String job = null;
            for (Map<String, Object> relabeling : relabelings(endpoint)) {
                if ("job".equals(relabeling.get("targetLabel"))) {
                    job = (String) relabeling.get("replacement");
                }
            }
            pathOfJob.put(job, (String) endpoint.get("path"));
            // the same per-queue families of the same vhost as compose's job
            Map<String, List<String>> composeParams = new HashMap<>();
            JsonNode params = composeJob(job).path("params");
            for (String name : params.propertyNames()) {
                List<String> values = new ArrayList<>();
                params.path(name).forEach(value -> values.add(value.asString()));
                composeParams.put(name, values);
            }
            Object own = endpoint.get("params");
            assertThat(own == null ? Map.of() : own).as(job + " params").isEqualTo(composeParams);
        }
        Map<String, String> composePaths = new HashMap<>();
        for (String job : List.of("rabbitmq", "rabbitmq-queues")) {
            composePaths.put(job, composeJob(job).path("metrics_path").asString());
        }
        assertThat(pathOfJob).isEqualTo(composePaths);
        Pattern serviceDown = AlertRulesTest.serviceDownJobs();
        pathOfJob
                .keySet()
                .forEach(job ->
                        assertThat(serviceDown.matcher(job).matches()).as(job).isTrue());
    }

    /** The metrics ports (and only they) open to Prometheus' namespace, on every Deployment's pods but not the broker's. */
    @Test
    void theMetricsPortsOpenToTheMonitoringNamespaceOnly() {
        List<Manifest> policies = ManifestRules.of(monitoring, NetworkPolicy.class);
        assertThat(policies).hasSize(1);
        NetworkPolicy policy = (NetworkPolicy) policies.get(0).resource();
        Set<String> scrapedPorts = new TreeSet<>();
        for (Manifest deployment : ManifestRules.of(base, Deployment.class)) {
            Map<String, String> labels = ManifestRules.podLabels(deployment);
            assertThat(selects(policy, labels)).as(deployment.where()).isTrue();
        }
        for (GenericKubernetesResource podMonitor : podMonitors()) {
            if (!podMonitor.getMetadata().getName().equals("social-broker")) {
                endpoints(podMonitor).forEach(endpoint -> scrapedPorts.add((String) endpoint.get("port")));
            }
        }
        assertThat(selects(
                        policy,
                        Map.of("app.kubernetes.io/name", "social-broker", "app.kubernetes.io/part-of", "social")))
                .as("the broker's pods stay unisolated (their AMQP port serves the services)")
                .isFalse();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        var rule = policy.getSpec().getIngress().get(0);
        assertThat(rule.getFrom()).hasSize(1);
        NetworkPolicyPeer peer = rule.getFrom().get(0);
        assertThat(peer.getPodSelector()).isNull();
        assertThat(peer.getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", MONITORING_NAMESPACE));
        Set<String> open = new TreeSet<>();
        for (NetworkPolicyPort port : rule.getPorts()) {
            open.add(port.getPort().getStrVal());
        }
        assertThat(open).isEqualTo(scrapedPorts);
    }

    // ------------------------------------------------------------------------------- helpers

    private List<GenericKubernetesResource> podMonitors() {
        return monitoring.stream()
                .filter(manifest -> manifest.kind().equals("PodMonitor"))
                .map(manifest -> (GenericKubernetesResource) manifest.resource())
                .toList();
    }

    private <T> T field(GenericKubernetesResource resource, String... path) {
        Object[] full = new Object[path.length + 1];
        full[0] = "spec";
        System.arraycopy(path, 0, full, 1, path.length);
        return resource.get(full);
    }

    private static List<Map<String, Object>> endpoints(GenericKubernetesResource podMonitor) {
        List<Map<String, Object>> endpoints = podMonitor.get("spec", "podMetricsEndpoints");
        return endpoints == null ? List.of() : endpoints;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> relabelings(Map<String, Object> endpoint) {
        Object relabelings = endpoint.get("relabelings");
        return relabelings == null ? List.of() : (List<Map<String, Object>>) relabelings;
    }

    private static Set<String> composeJobs() {
        Set<String> jobs = new TreeSet<>();
        Manifests.tree(Observability.PROMETHEUS)
                .path("scrape_configs")
                .forEach(job -> jobs.add(job.path("job_name").asString()));
        return jobs;
    }

    private static JsonNode composeJob(String name) {
        for (JsonNode job : Manifests.tree(Observability.PROMETHEUS).path("scrape_configs")) {
            if (job.path("job_name").asString().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("compose's Prometheus has no job " + name);
    }

    private static boolean selects(NetworkPolicy policy, Map<String, String> labels) {
        var selector = policy.getSpec().getPodSelector();
        if (selector.getMatchLabels() != null
                && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions() == null
                ? List.<LabelSelectorRequirement>of()
                : selector.getMatchExpressions()) {
            boolean in = requirement.getValues().contains(labels.get(requirement.getKey()));
            boolean matches = switch (requirement.getOperator()) {
                case "In" -> in;
                case "NotIn" -> !in;
                case "Exists" -> labels.containsKey(requirement.getKey());
                case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
                default -> throw new AssertionError("unknown operator " + requirement.getOperator());
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
