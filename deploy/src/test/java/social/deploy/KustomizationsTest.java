package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kustomization rules find what they claim to (so that the real overlays' checks mean something). */
class KustomizationsTest {
    @TempDir
    Path folder;

    @Test
    void aFileTheKustomizationDoesNotListAndAListedFileThatIsMissingAreReported() throws IOException {
        Files.writeString(folder.resolve("kustomization.yaml"), """
                resources:
                  - service.yaml
                  - gone.yaml
                patches:
                  - path: patch.yaml
                """);
        Files.writeString(folder.resolve("service.yaml"), "");
        Files.writeString(folder.resolve("patch.yaml"), "");
        Files.writeString(folder.resolve("forgotten.yaml"), "");

        assertThat(Kustomizations.listsEveryFile(folder))
                .containsExactly(
                        folder.resolve("kustomization.yaml") + ": names gone.yaml, which does not exist",
                        folder.resolve("kustomization.yaml") + ": does not list forgotten.yaml of its folder");
    }

    @Test
    void aSecretGeneratorIsReported() throws IOException {
        Files.writeString(folder.resolve("kustomization.yaml"), """
                secretGenerator:
                  - name: db
                    literals:
                      - password=hunter2
                """);
        assertThat(Kustomizations.listsEveryFile(folder))
                .singleElement()
                .asString()
                .contains("secretGenerator");
    }

    @Test
    void anOverlayThatPatchesProbesOrSetsIncompleteResourcesOrPinsLatestIsReported() throws IOException {
        List<Manifest> base = Manifests.parse("base", ManifestRulesTest.GOOD);
        Files.writeString(folder.resolve("kustomization.yaml"), """
                replicas:
                  - name: post-service
                    count: 1
                  - name: poster-service
                    count: 1
                images:
                  - name: ghcr.io/social/post-service
                    newTag: latest
                patches:
                  - path: probes.yaml
                    target:
                      kind: Deployment
                  - path: resources.yaml
                    target:
                      kind: Deployment
                      name: post-service
                  - target:
                      kind: StatefulSet
                    patch: |-
                      - op: replace
                        path: /spec/replicas
                        value: 1
                """);
        Files.writeString(folder.resolve("probes.yaml"), """
                - op: remove
                  path: /spec/template/spec/containers/0/readinessProbe
                """);
        Files.writeString(folder.resolve("resources.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: post-service
                spec:
                  template:
                    spec:
                      containers:
                        - name: post-service
                          resources:
                            requests:
                              cpu: 50m
                              memory: 512Mi
                """);

        List<String> violations = Kustomizations.overlayChangesOnlySizes(folder, base);

        Path file = folder.resolve("kustomization.yaml");
        assertThat(violations)
                .containsExactlyInAnyOrder(
                        file + ": replicas of poster-service, which is no Deployment of the base",
                        file + ": image ghcr.io/social/post-service is not pinned to a version (newTag 'latest')",
                        file + " patch probes.yaml: remove /spec/template/spec/containers/0/readinessProbe changes"
                                + " what the base's rules check",
                        file + " patch resources.yaml resources: no limits.cpu",
                        file + " patch resources.yaml resources: no limits.memory",
                        file + ": a patch targets StatefulSet/null, which the base does not have");
    }

    @Test
    void anOverlayThatOnlyResizesHasNoViolation() throws IOException {
        List<Manifest> base = Manifests.parse("base", ManifestRulesTest.GOOD);
        Files.writeString(folder.resolve("kustomization.yaml"), """
                replicas:
                  - name: post-service
                    count: 1
                images:
                  - name: ghcr.io/social/post-service
                    newTag: 0.2.0
                patches:
                  - path: small.yaml
                    target:
                      kind: Deployment
                """);
        Files.writeString(folder.resolve("small.yaml"), """
                - op: replace
                  path: /spec/template/spec/containers/0/resources
                  value:
                    requests: {cpu: 50m, memory: 512Mi}
                    limits: {cpu: "1", memory: 512Mi}
                """);
        List<String> violations = new ArrayList<>(Kustomizations.overlayChangesOnlySizes(folder, base));
        violations.addAll(Kustomizations.listsEveryFile(folder));
        assertThat(violations).isEmpty();
    }
}
