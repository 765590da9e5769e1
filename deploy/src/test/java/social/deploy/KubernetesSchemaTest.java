package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every manifest of deploy/k8s, the base, the monitoring component and each overlay as kustomize renders it,
 * against the Kubernetes API schemas (kubernetes-models), CloudNativePG's and the Prometheus Operator's
 * (deploy/validate/validate.mjs). Types, required fields and formats; unknown fields are
 * ManifestRules.knownFieldsOnly's (fabric8).
 */
class KubernetesSchemaTest {
    static final Path MONITORING = Manifests.K8S.resolve("components/monitoring");

    @Test
    void theBaseAndTheMonitoringComponentAreValid() throws IOException {
        StaticChecks.Result result = StaticChecks.kubernetes(manifests());

        assertThat(result.valid()).as(result.output()).isTrue();
    }

    @Test
    void everyOverlayIsValidAsKustomizeRendersIt(@TempDir Path dir) throws IOException {
        for (Path overlay : List.of(KubernetesManifestsTest.DEV, KubernetesManifestsTest.PROD)) {
            Path rendered = StaticChecks.render(overlay, dir.resolve(overlay.getFileName() + ".yaml"));
            assertThat(Files.readString(rendered)).contains("kind: Deployment", "kind: RabbitmqCluster");

            StaticChecks.Result result = StaticChecks.kubernetes(List.of(rendered));

            assertThat(result.valid()).as(overlay + ": " + result.output()).isTrue();
        }
    }

    @Test
    void aBrokenCopyOfAManifestFails(@TempDir Path dir) throws IOException {
        record Breakage(Path file, String from, String to, String expected) {}
        Path base = KubernetesManifestsTest.BASE;
        List<Breakage> breakages = List.of(
                new Breakage(
                        base.resolve("api-gateway.yaml"),
                        "containerPort: 8080",
                        "containerPort: http",
                        "apps/v1/Deployment api-gateway: data/spec/template/spec/containers/0/ports/0/containerPort must be integer"),
                new Breakage(
                        base.resolve("database.yaml"),
                        "instances: 3",
                        "instances: three",
                        "postgresql.cnpg.io/v1/Cluster social-db: data/spec/instances must be integer"),
                new Breakage(
                        base.resolve("broker.yaml"),
                        "      cpu: \"2\"",
                        "      cpu: [2]",
                        "rabbitmq.com/v1beta1/RabbitmqCluster social-broker spec.resources (ResourceRequirements)"),
                new Breakage(
                        MONITORING.resolve("alert-rules.yaml"),
                        "for: 1m",
                        "for: [1m]",
                        "monitoring.coreos.com/v1/PrometheusRule"),
                new Breakage(
                        base.resolve("api-gateway.yaml"),
                        "kind: Deployment",
                        "kind: Deploymnet",
                        "apps/v1/Deploymnet api-gateway: no schema for this apiVersion and kind"));
        for (Breakage breakage : breakages) {
            Path broken = StaticChecks.brokenCopy(
                    breakage.file(), Files.createTempDirectory(dir, "k"), breakage.from(), breakage.to());

            StaticChecks.Result result = StaticChecks.kubernetes(List.of(broken));

            assertThat(result.valid()).as(breakage.toString()).isFalse();
            assertThat(result.output()).as(breakage.toString()).contains(breakage.expected());
        }
    }

    /** A patch is no manifest of its own: only the rendered overlay shows what it breaks. */
    @Test
    void aBrokenOverlayFailsOnceRendered(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("k8s");
        copyTree(Manifests.K8S, copy);
        Path patch = copy.resolve("overlays/dev/small-resources.yaml");
        String text = Files.readString(patch);
        assertThat(text).contains("      memory: 768Mi");
        Files.writeString(patch, text.replace("    limits:\n      cpu: \"1\"", "    limits:\n      cpu: [1]"));

        Path rendered = StaticChecks.render(copy.resolve("overlays/dev"), dir.resolve("dev.yaml"));
        StaticChecks.Result result = StaticChecks.kubernetes(List.of(rendered));

        assertThat(result.valid()).isFalse();
        assertThat(result.output()).contains("apps/v1/Deployment api-gateway", "resources/limits/cpu");
    }

    /** The files the base's and the monitoring component's kustomizations list. */
    private static List<Path> manifests() {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(KubernetesManifestsTest.BASE, MONITORING)) {
            Manifests.tree(folder.resolve(Kustomizations.FILE))
                    .path("resources")
                    .forEach(resource -> files.add(folder.resolve(resource.asString())));
        }
        assertThat(files).hasSizeGreaterThan(10).allMatch(Files::isRegularFile);
        return files;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
