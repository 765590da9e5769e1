package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The manifests of deploy/k8s (docs/scaling.md, "Kubernetes"): every file parses with fabric8's
 * Kubernetes model, the base keeps every {@link ManifestRules rule}, the overlays only resize or pin it,
 * and the pieces agree with each other: the services find the broker and the database the operators
 * run, log in as the roles the database creates, and read only Secrets that create-secrets.sh creates.
 */
class KubernetesManifestsTest {
    static final Path BASE = Manifests.K8S.resolve("base");
    static final Path DEV = Manifests.K8S.resolve("overlays/dev");
    static final Path PROD = Manifests.K8S.resolve("overlays/prod");
    static final Set<String> DEPLOYMENTS = Set.of(
            "api-gateway",
            "auth-service",
            "user-service",
            "post-service",
            "followers-service",
            "like-service",
            "notification-service");
    static final Set<String> AUTOSCALED = Set.of("api-gateway", "post-service", "notification-service");

    private final List<Manifest> base = Kustomizations.resources(BASE);

    @Test
    void theBaseKeepsEveryRule() {
        assertThat(ManifestRules.check(base)).isEmpty();
    }

    @Test
    void everyOverlayParsesAndOnlyResizesOrPinsTheBase() {
        for (Path overlay : List.of(DEV, PROD)) {
            assertThat(ManifestRules.knownFieldsOnly(Kustomizations.resources(overlay)))
                    .isEmpty();
            assertThat(Kustomizations.overlayChangesOnlySizes(overlay, base)).isEmpty();
        }
    }

    @Test
    void everyKustomizationListsEveryFileOfItsFolder() {
        for (Path folder : List.of(BASE, DEV, PROD)) {
            assertThat(Kustomizations.listsEveryFile(folder))
                    .as(folder.toString())
                    .isEmpty();
        }
    }

    @Test
    void theBaseRunsEveryServiceAtLeastTwiceWithTheGatewayPostAndNotificationServiceAutoscaled() {
        assertThat(names(Deployment.class)).isEqualTo(new TreeSet<>(DEPLOYMENTS));
        assertThat(names(HorizontalPodAutoscaler.class)).isEqualTo(new TreeSet<>(AUTOSCALED));
        for (Manifest manifest : ManifestRules.of(base, HorizontalPodAutoscaler.class)) {
            assertThat(((HorizontalPodAutoscaler) manifest.resource()).getSpec().getMinReplicas())
                    .as(manifest.where())
                    .isGreaterThanOrEqualTo(2);
        }
        for (Manifest manifest : ManifestRules.of(base, Deployment.class)) {
            if (!AUTOSCALED.contains(manifest.name())) {
                assertThat(((Deployment) manifest.resource()).getSpec().getReplicas())
                        .as(manifest.where())
                        .isGreaterThanOrEqualTo(2);
            }
        }
        assertThat(names(Service.class)).containsExactly("api-gateway");
    }

    @Test
    void theDevOverlayRunsOneInstanceOfEverythingWithoutAutoscalers() {
        JsonNode kustomization = Manifests.tree(DEV.resolve(Kustomizations.FILE));
        Map<String, Integer> replicas = new HashMap<>();
        kustomization
                .path("replicas")
                .forEach(entry -> replicas.put(
                        entry.path("name").asString(), entry.path("count").asInt()));
        assertThat(replicas.keySet()).isEqualTo(DEPLOYMENTS);
        assertThat(replicas.values()).containsOnly(1);
        boolean autoscalersDeleted = false;
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.path("target").path("kind").asString("").equals("HorizontalPodAutoscaler")) {
                autoscalersDeleted = Manifests.tree(
                                DEV.resolve(patch.path("path").asString()))
                        .path("$patch")
                        .asString("")
                        .equals("delete");
            }
        }
        assertThat(autoscalersDeleted).isTrue();
    }

    @Test
    void theBrokerAndTheDatabaseAreThreeNodeClustersOfTheirOperators() {
        GenericKubernetesResource broker = custom("RabbitmqCluster");
        assertThat(broker.getApiVersion()).isEqualTo("rabbitmq.com/v1beta1");
        assertThat((Integer) broker.get("spec", "replicas")).isEqualTo(3);
        assertThat((String) broker.get("spec", "rabbitmq", "additionalConfig"))
                .contains("load_definitions = /etc/rabbitmq/definitions/definitions.json");
        GenericKubernetesResource database = custom("Cluster");
        assertThat(database.getApiVersion()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat((Integer) database.get("spec", "instances")).isEqualTo(3);
    }

    @Test
    void theServicesFindTheBrokerAndTheDatabaseTheOperatorsProvide() {
        Map<String, String> config = ((ConfigMap) ManifestRules.named(base, ConfigMap.class, "social-config")
                        .resource())
                .getData();
        GenericKubernetesResource database = custom("Cluster");
        assertThat(config.get("RABBIT_HOST"))
                .isEqualTo(custom("RabbitmqCluster").getMetadata().getName());
        assertThat(config.get("DB_HOST")).isEqualTo(database.getMetadata().getName() + "-rw");
        assertThat(config.get("DB_NAME")).isEqualTo(database.<String>get("spec", "bootstrap", "initdb", "database"));
        assertThat(config.get("RABBIT_VHOST")).isEqualTo("social");
        // the services' actuator answers the kubelet on the pod's address (docs/scaling.md, "Pod security")
        assertThat(config.get("SERVER_ADDRESS")).isEqualTo("0.0.0.0");
    }

    /**
     * Issue 26, item 5: the gateway's HTTP port admits the Ingress controller's pods and nothing else
     * (no rule open to every pod, as it was), so only the Ingress can be the peer whose
     * X-Forwarded-For the gateway believes.
     */
    @Test
    void theGatewaysHttpPortAdmitsOnlyTheIngressControllersPods() {
        Manifest gateway = ManifestRules.named(base, Deployment.class, "api-gateway");
        Map<String, String> gatewayPods = ManifestRules.podLabels(gateway);
        List<NetworkPolicy> selecting = ManifestRules.of(base, NetworkPolicy.class).stream()
                .map(manifest -> (NetworkPolicy) manifest.resource())
                .filter(policy -> gatewayPods
                        .entrySet()
                        .containsAll(policy.getSpec()
                                .getPodSelector()
                                .getMatchLabels()
                                .entrySet()))
                .toList();
        assertThat(selecting)
                .extracting(policy -> policy.getMetadata().getName())
                .containsExactly("api-gateway-ingress");
        NetworkPolicy policy = selecting.get(0);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getIngress()).hasSize(1);
        NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
        assertThat(rule.getPorts())
                .extracting(port -> port.getPort().getIntVal())
                .containsExactly(8080);
        assertThat(rule.getFrom()).as("an empty 'from' admits every pod").hasSize(1);
        NetworkPolicyPeer peer = rule.getFrom().get(0);
        assertThat(peer.getIpBlock()).isNull();
        assertThat(peer.getNamespaceSelector().getMatchLabels())
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(peer.getPodSelector().getMatchLabels())
                .isEqualTo(
                        Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"));
    }

    /**
     * Issue 26, item 5: TRUSTED_PROXIES is one setting of social-config, the Ingress controller's
     * range: set, and never a whole private range (which would trust every pod and node).
     */
    @Test
    void theGatewayTrustsForwardedHeadersFromTheIngressRangeOnly() {
        Map<String, String> config = ((ConfigMap) ManifestRules.named(base, ConfigMap.class, "social-config")
                        .resource())
                .getData();
        Manifest gateway = ManifestRules.named(base, Deployment.class, "api-gateway");
        assertThat(env(gateway)).as("the Deployment leaves it to social-config").doesNotContainKey("TRUSTED_PROXIES");
        String trusted = config.get("TRUSTED_PROXIES");
        assertThat(trusted).isNotBlank();
        for (String cidr : trusted.split(",")) {
            String[] parts = cidr.strip().split("/");
            assertThat(parts).as(cidr).hasSize(2);
            assertThat(Set.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"))
                    .as("a whole private range")
                    .doesNotContain(cidr.strip());
            assertThat(Integer.parseInt(parts[1]))
                    .as(cidr + ": a cluster's pod range at most")
                    .isGreaterThanOrEqualTo(parts[0].contains(":") ? 48 : 16);
        }
    }

    /**
     * The broker is a RabbitmqCluster in both overlays: every service and the gateway declare quorum
     * queues, replicated over its nodes (classic queues would each live on one node), and no overlay
     * or Deployment sets another type.
     */
    @Test
    void everyServiceDeclaresQuorumQueuesInEveryOverlay() {
        Map<String, String> config = ((ConfigMap) ManifestRules.named(base, ConfigMap.class, "social-config")
                        .resource())
                .getData();
        assertThat(config).containsEntry("MESSAGING_QUEUE_TYPE", "quorum");
        for (Manifest manifest : ManifestRules.of(base, Deployment.class)) {
            for (Container container : ManifestRules.containers(manifest)) {
                assertThat(container.getEnvFrom())
                        .as(manifest.where())
                        .anySatisfy(source ->
                                assertThat(source.getConfigMapRef().getName()).isEqualTo("social-config"));
                assertThat(container.getEnv())
                        .as(manifest.where())
                        .extracting(EnvVar::getName)
                        .doesNotContain("MESSAGING_QUEUE_TYPE", "SOCIAL_MESSAGING_QUEUETYPE");
            }
        }
        for (Path overlay : List.of(DEV, PROD)) {
            JsonNode kustomization = Manifests.tree(overlay.resolve(Kustomizations.FILE));
            assertThat(kustomization.path("configMapGenerator").isMissingNode())
                    .as(overlay + " generates no ConfigMap over social-config")
                    .isTrue();
            for (JsonNode patch : kustomization.path("patches")) {
                assertThat(patch.path("target").path("kind").asString(""))
                        .as(overlay + " patches no ConfigMap")
                        .isNotEqualTo("ConfigMap");
            }
            assertThat(ManifestRules.of(Kustomizations.resources(overlay), ConfigMap.class))
                    .as(overlay + " adds no ConfigMap")
                    .isEmpty();
        }
    }

    /**
     * Each service logs in as the role that owns its schema, as deploy/postgres/init.sh creates them for
     * docker compose, and the database's managed role reads its password from the Secret the service reads.
     */
    @Test
    void everyServiceLogsInAsTheRoleOwningItsSchemaWithThePasswordTheDatabaseSets() {
        GenericKubernetesResource database = custom("Cluster");
        List<Map<String, Object>> roles = database.get("spec", "managed", "roles");
        Map<String, String> passwordSecretOfRole = new HashMap<>();
        for (Map<String, Object> role : roles) {
            assertThat(role).containsEntry("login", true).containsEntry("ensure", "present");
            @SuppressWarnings("unchecked")
            Map<String, Object> secret = (Map<String, Object>) role.get("passwordSecret");
            passwordSecretOfRole.put((String) role.get("name"), (String) secret.get("name"));
        }
        String bootstrap =
                String.join("\n", database.<List<String>>get("spec", "bootstrap", "initdb", "postInitApplicationSQL"));
        Map<String, String> composeSchemas = schemaOwners(Manifests.read(Manifests.K8S.resolve("../postgres/init.sh")));
        assertThat(schemaOwners(bootstrap)).isEqualTo(composeSchemas);

        Set<String> loggingIn = new TreeSet<>();
        for (Manifest manifest : ManifestRules.of(base, Deployment.class)) {
            Map<String, EnvVar> env = env(manifest);
            if (manifest.name().equals("api-gateway")) {
                assertThat(env).doesNotContainKeys("DB_USER", "DB_PASSWORD");
                continue;
            }
            String role = env.get("DB_USER").getValue();
            loggingIn.add(role);
            assertThat(composeSchemas).as(manifest.where()).containsValue(role);
            assertThat(env.get("DB_PASSWORD").getValueFrom().getSecretKeyRef().getName())
                    .as(manifest.where())
                    .isEqualTo(passwordSecretOfRole.get(role))
                    .isEqualTo(manifest.name() + "-db");
        }
        assertThat(loggingIn)
                .isEqualTo(new TreeSet<>(composeSchemas.values()))
                .isEqualTo(passwordSecretOfRole.keySet());
    }

    @Test
    void everyServiceAndTheGatewayConnectAsTheirOwnBrokerUser() {
        for (Manifest manifest : ManifestRules.of(base, Deployment.class)) {
            Map<String, EnvVar> env = env(manifest);
            assertThat(env.get("RABBIT_USER").getValue()).as(manifest.where()).isEqualTo(manifest.name());
            assertThat(env.get("RABBIT_PASSWORD")
                            .getValueFrom()
                            .getSecretKeyRef()
                            .getName())
                    .as(manifest.where())
                    .isEqualTo(manifest.name() + "-broker");
        }
    }

    /**
     * Issue 26, item 8: every Deployment's actuator asks for the operator's token, read from the Secret
     * {@code management-token} (which create-secrets.sh creates), never written into a manifest.
     */
    @Test
    void everyServiceAndTheGatewayReadTheOperatorsManagementTokenFromItsSecret() {
        for (Manifest manifest : ManifestRules.of(base, Deployment.class)) {
            EnvVar token = env(manifest).get("MANAGEMENT_TOKEN");
            assertThat(token).as(manifest.where()).isNotNull();
            assertThat(token.getValue()).as(manifest.where()).isNull();
            assertThat(token.getValueFrom().getSecretKeyRef().getName())
                    .as(manifest.where())
                    .isEqualTo("management-token");
            assertThat(token.getValueFrom().getSecretKeyRef().getKey())
                    .as(manifest.where())
                    .isEqualTo("token");
        }
    }

    /** create-secrets.sh, run against a stand-in kubectl, creates every Secret and key the manifests read. */
    @Test
    void everySecretTheManifestsReadIsOneCreateSecretsCreates(@TempDir Path dir) throws Exception {
        Set<String> read = new TreeSet<>();
        for (Manifest manifest : ManifestRules.of(base, Deployment.class)) {
            for (EnvVar env : env(manifest).values()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    read.add(env.getValueFrom().getSecretKeyRef().getName() + " "
                            + env.getValueFrom().getSecretKeyRef().getKey());
                }
            }
        }
        List<Map<String, Object>> roles = custom("Cluster").get("spec", "managed", "roles");
        for (Map<String, Object> role : roles) {
            @SuppressWarnings("unchecked")
            String secret = (String) ((Map<String, Object>) role.get("passwordSecret")).get("name");
            read.add(secret + " username");
            read.add(secret + " password");
        }
        List<Map<String, Object>> volumes =
                custom("RabbitmqCluster").get("spec", "override", "statefulSet", "spec", "template", "spec", "volumes");
        for (Map<String, Object> volume : volumes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> secret = (Map<String, Object>) volume.get("secret");
            read.add(secret.get("secretName") + " definitions.json");
        }

        assertThat(createdByTheScript(dir)).containsAll(read);
    }

    // ------------------------------------------------------------------------------- helpers

    private Set<String> names(Class<? extends io.fabric8.kubernetes.api.model.HasMetadata> type) {
        return ManifestRules.of(base, type).stream().map(Manifest::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private GenericKubernetesResource custom(String kind) {
        List<Manifest> found = base.stream()
                .filter(manifest -> manifest.resource() instanceof GenericKubernetesResource
                        && manifest.kind().equals(kind))
                .toList();
        assertThat(found).as(kind).hasSize(1);
        return (GenericKubernetesResource) found.get(0).resource();
    }

    private static Map<String, EnvVar> env(Manifest deployment) {
        Map<String, EnvVar> env = new HashMap<>();
        for (Container container : ManifestRules.containers(deployment)) {
            container.getEnv().forEach(variable -> env.put(variable.getName(), variable));
        }
        return env;
    }

    /** schema → owner, from {@code CREATE SCHEMA x AUTHORIZATION y} statements. */
    private static Map<String, String> schemaOwners(String sql) {
        Map<String, String> owners = new HashMap<>();
        Matcher matcher =
                Pattern.compile("CREATE SCHEMA (\\w+)\\s+AUTHORIZATION (\\w+)").matcher(sql);
        while (matcher.find()) {
            owners.put(matcher.group(1), matcher.group(2));
        }
        assertThat(owners).isNotEmpty();
        return owners;
    }

    /** "secret key" of every key the script puts into a Secret, with a kubectl that only records. */
    private static Set<String> createdByTheScript(Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("created");
        Path kubectl = dir.resolve("kubectl");
        Files.writeString(kubectl, """
                #!/usr/bin/env bash
                # records 'secret key' for each --from-file of 'create secret generic NAME'; reads what apply gets
                if [[ "$1" == create ]]; then
                    for argument in "$@"; do
                        case "$argument" in
                            --from-file=*) key="${argument#--from-file=}"; echo "$4 ${key%%=*}" >>"$STUB_LOG" ;;
                        esac
                    done
                elif [[ "$1" == apply ]]; then
                    cat >/dev/null
                fi
                """);
        assertThat(kubectl.toFile().setExecutable(true)).isTrue();
        Path env = dir.resolve("env");
        List<String> variables = new ArrayList<>(List.of(
                "AUTH_DB_PASSWORD",
                "USERS_DB_PASSWORD",
                "POSTS_DB_PASSWORD",
                "FOLLOWERS_DB_PASSWORD",
                "LIKES_DB_PASSWORD",
                "NOTIFICATIONS_DB_PASSWORD",
                "AUTH_SIGNING_PRIVATE_KEY",
                "AUTH_SIGNING_PUBLIC_KEY",
                "MANAGEMENT_TOKEN"));
        for (String party : DEPLOYMENTS) {
            variables.add("RABBIT_PASSWORD_" + party.toUpperCase().replace('-', '_'));
        }
        Files.write(env, variables.stream().map(name -> name + "=x").toList());
        Path definitions = Files.writeString(dir.resolve("definitions.json"), "{}");

        ProcessBuilder builder = new ProcessBuilder(
                        "bash", Manifests.K8S.resolve("create-secrets.sh").toString(), "social-test")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output").toFile());
        builder.environment().put("KUBECTL", kubectl.toString());
        builder.environment().put("STUB_LOG", log.toString());
        builder.environment().put("ENV_FILE", env.toString());
        builder.environment().put("DEFINITIONS", definitions.toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(dir.resolve("output")))
                .isZero();
        return new LinkedHashSet<>(Files.readAllLines(log));
    }
}
