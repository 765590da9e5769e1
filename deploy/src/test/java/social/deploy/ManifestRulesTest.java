package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link ManifestRules} finds what it claims to, so that the checks of the real
 * manifests ({@link KubernetesManifestsTest}) cannot pass vacuously: a small set that keeps every
 * rule, and that set broken one way at a time.
 */
class ManifestRulesTest {
    /** One service as deploy/k8s/base runs it, autoscaled. */
    static final String GOOD = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: config
            data:
              RABBIT_HOST: broker
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: post-service
            spec:
              selector:
                matchLabels:
                  app: post-service
              template:
                metadata:
                  labels:
                    app: post-service
                spec:
                  securityContext:
                    runAsNonRoot: true
                  containers:
                    - name: post-service
                      image: ghcr.io/social/post-service:0.1.0
                      ports:
                        - name: http
                          containerPort: 8083
                      envFrom:
                        - configMapRef:
                            name: config
                      env:
                        - name: DB_USER
                          value: posts_svc
                        - name: DB_PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: post-service-db
                              key: password
                      resources:
                        requests:
                          cpu: 250m
                          memory: 1Gi
                        limits:
                          cpu: "2"
                          memory: 1Gi
                      startupProbe:
                        httpGet:
                          path: /actuator/health/liveness
                          port: http
                      livenessProbe:
                        httpGet:
                          path: /actuator/health/liveness
                          port: http
                      readinessProbe:
                        httpGet:
                          path: /actuator/health/readiness
                          port: 8083
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: post-service
            spec:
              maxUnavailable: 1
              selector:
                matchLabels:
                  app: post-service
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: post-service
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: post-service
              minReplicas: 2
              maxReplicas: 6
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: post-service
            spec:
              selector:
                app: post-service
              ports:
                - port: 80
                  targetPort: http
            """;

    @Test
    void aSetThatKeepsEveryRuleHasNoViolation() {
        assertThat(ManifestRules.check(parse(GOOD))).isEmpty();
    }

    @Test
    void aDeploymentWithoutProbesIsReported() {
        String broken = edit(
                edit(
                        GOOD,
                        lines(
                                10,
                                "startupProbe:",
                                "  httpGet:",
                                "    path: /actuator/health/liveness",
                                "    port: http"),
                        ""),
                lines(10, "readinessProbe:", "  httpGet:", "    path: /actuator/health/readiness", "    port: 8083"),
                "");
        assertThat(ManifestRules.probesOnTheActuatorGroups(parse(broken)))
                .containsExactlyInAnyOrder(
                        "Deployment/post-service (test) container post-service: no readinessProbe",
                        "Deployment/post-service (test) container post-service: no startupProbe");
    }

    @Test
    void aProbeOnTheWholeHealthOrOnAnUndeclaredPortIsReported() {
        String wrongPath = edit(GOOD, "path: /actuator/health/readiness", "path: /actuator/health");
        assertThat(ManifestRules.probesOnTheActuatorGroups(parse(wrongPath)))
                .containsExactly("Deployment/post-service (test) container post-service: readinessProbe is not an"
                        + " HTTP GET of /actuator/health/readiness");
        String wrongPort = edit(GOOD, "port: 8083", "port: 9999");
        assertThat(ManifestRules.probesOnTheActuatorGroups(parse(wrongPort)))
                .containsExactly(
                        "Deployment/post-service (test) container post-service: readinessProbe port 9999 is not declared");
    }

    @Test
    void aContainerWithoutLimitsIsReported() {
        String broken = edit(GOOD, lines(12, "limits:", "  cpu: \"2\"", "  memory: 1Gi"), "");
        assertThat(ManifestRules.resourcesRequestedAndLimited(parse(broken)))
                .containsExactly(
                        "Deployment/post-service (test) container post-service: no limits.cpu",
                        "Deployment/post-service (test) container post-service: no limits.memory");
    }

    @Test
    void anImageTaggedLatestOrUntaggedIsReportedAndADigestIsAccepted() {
        assertThat(ManifestRules.imagesPinnedToAVersion(parse(edit(GOOD, ":0.1.0", ":latest"))))
                .containsExactly("Deployment/post-service (test) container post-service: image"
                        + " ghcr.io/social/post-service:latest is tagged latest");
        assertThat(ManifestRules.imagesPinnedToAVersion(parse(edit(GOOD, ":0.1.0", ""))))
                .containsExactly("Deployment/post-service (test) container post-service: image"
                        + " ghcr.io/social/post-service has no tag (it means latest)");
        assertThat(ManifestRules.imageProblem("registry.local:5000/social/post-service"))
                .isNotNull();
        assertThat(ManifestRules.imageProblem("registry.local:5000/social/post-service:1.2"))
                .isNull();
        assertThat(ManifestRules.imageProblem("ghcr.io/social/post-service@sha256:" + "a".repeat(64)))
                .isNull();
    }

    @Test
    void aPasswordWrittenIntoTheManifestOrAConfigMapIsReported() {
        String literal = edit(
                GOOD,
                lines(14, "valueFrom:", "  secretKeyRef:", "    name: post-service-db", "    key: password"),
                lines(14, "value: hunter2"));
        assertThat(ManifestRules.secretsFromSecretsOnly(parse(literal)))
                .containsExactly("Deployment/post-service (test) container post-service: env DB_PASSWORD is not"
                        + " read from a Secret (secretKeyRef)");
        String fromConfigMap = edit(GOOD, "secretKeyRef:", "configMapKeyRef:");
        assertThat(ManifestRules.secretsFromSecretsOnly(parse(fromConfigMap))).hasSize(1);
        String inConfigMap = edit(GOOD, "RABBIT_HOST: broker", "RABBIT_HOST: broker\n  AUTH_SIGNING_PRIVATE_KEY: x");
        assertThat(ManifestRules.secretsFromSecretsOnly(parse(inConfigMap)))
                .containsExactly("ConfigMap/config (test): key AUTH_SIGNING_PRIVATE_KEY belongs in a Secret");
    }

    @Test
    void aContainerThatMayRunAsRootOrWriteItsFileSystemIsReported() {
        String broken = edit(
                edit(GOOD, "runAsNonRoot: true", "runAsNonRoot: false"),
                "readOnlyRootFilesystem: true",
                "readOnlyRootFilesystem: false");
        assertThat(ManifestRules.nonRootReadOnly(parse(broken)))
                .containsExactly(
                        "Deployment/post-service (test) container post-service: runAsNonRoot is not true",
                        "Deployment/post-service (test) container post-service: readOnlyRootFilesystem is not true");
    }

    @Test
    void aDeploymentWithoutADisruptionBudgetIsReported() {
        String otherPods = edit(
                GOOD,
                "      app: post-service\n---\napiVersion: autoscaling/v2",
                "      app: like-service\n---\napiVersion: autoscaling/v2");
        assertThat(ManifestRules.everyDeploymentHasADisruptionBudget(parse(otherPods)))
                .containsExactly("Deployment/post-service (test): no PodDisruptionBudget selects its pods");
    }

    @Test
    void anAutoscalerOfAMissingDeploymentOrOfOneThatSetsItsReplicasIsReported() {
        String missing = edit(GOOD, "    name: post-service\n  minReplicas", "    name: poster-service\n  minReplicas");
        assertThat(ManifestRules.autoscalersTargetDeployments(parse(missing)))
                .containsExactly("HorizontalPodAutoscaler/post-service (test): targets apps/v1"
                        + " Deployment/poster-service, which is not a Deployment of this set");
        String fixedCount = edit(GOOD, "spec:\n  selector:", "spec:\n  replicas: 2\n  selector:");
        assertThat(ManifestRules.autoscalersTargetDeployments(parse(fixedCount)))
                .containsExactly("Deployment/post-service (test): sets replicas, but"
                        + " HorizontalPodAutoscaler/post-service (test) owns the count");
    }

    @Test
    void aMisspelledFieldIsReportedInsteadOfIgnored() {
        String typo = edit(GOOD, "readinessProbe:", "readinesProbe:");
        assertThat(ManifestRules.knownFieldsOnly(parse(typo)))
                .containsExactly("Deployment/post-service (test): unknown field(s) [readinesProbe] at"
                        + " spec.template.spec.containers[0]");
    }

    @Test
    void aServiceOfNoPodsOrOnAnUndeclaredPortAndAMissingConfigMapAreReported() {
        String wrongPort = edit(GOOD, "targetPort: http", "targetPort: web");
        assertThat(ManifestRules.servicesSelectDeployments(parse(wrongPort)))
                .containsExactly("Service/post-service (test): targetPort web is no port of"
                        + " Deployment/post-service (test)");
        String noPods = edit(GOOD, "  selector:\n    app: post-service", "  selector:\n    app: nothing");
        assertThat(ManifestRules.servicesSelectDeployments(parse(noPods)))
                .containsExactly("Service/post-service (test): selects no Deployment's pods");
        String noConfig = edit(GOOD, "metadata:\n  name: config\n", "metadata:\n  name: settings\n");
        assertThat(ManifestRules.configMapsReferencedExist(parse(noConfig)))
                .containsExactly("Deployment/post-service (test): ConfigMap config is not in the set");
    }

    /** {@code yaml} with {@code old} replaced: the text must be there, or the test would test nothing. */
    static String edit(String yaml, String old, String replacement) {
        assertThat(yaml).as("the text to replace").contains(old);
        return yaml.replace(old, replacement);
    }

    /** YAML lines indented by {@code indent} spaces, each ending in a line feed. */
    static String lines(int indent, String... lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(" ".repeat(indent)).append(line).append('\n');
        }
        return text.toString();
    }

    private static List<Manifest> parse(String yaml) {
        return Manifests.parse("test", yaml);
    }
}
