package social.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Kubernetes manifests the way the API server's clients do: fabric8's model for the built-in
 * kinds (a Deployment becomes a {@code Deployment}), {@code GenericKubernetesResource} for custom
 * resources (RabbitmqCluster, CloudNativePG's Cluster). Multi-document files give one manifest per
 * document.
 */
final class Manifests {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Where the manifests are: {@code deploy/k8s}, next to this module's pom. */
    static final Path K8S = Path.of(System.getProperty("basedir", ".")).resolve("k8s");

    private Manifests() {}

    /** Every object in {@code yaml} (one or more documents), each with {@code source} as its origin. */
    static List<Manifest> parse(String source, String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        List<Manifest> manifests = new ArrayList<>();
        if (parsed instanceof List<?> documents) {
            for (Object document : documents) {
                add(source, document, manifests);
            }
        } else {
            add(source, parsed, manifests);
        }
        return manifests;
    }

    /** A YAML document as a plain tree (kustomization.yaml, JSON patches: not Kubernetes objects). */
    static JsonNode tree(Path file) {
        return YAML.readTree(read(file));
    }

    static JsonNode tree(String yaml) {
        return YAML.readTree(yaml);
    }

    /** The regular files directly in {@code folder}, sorted. */
    static List<Path> files(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(String source, Object document, List<Manifest> manifests) {
        if (document instanceof HasMetadata resource) {
            manifests.add(new Manifest(source, resource));
        } else if (document != null) {
            throw new IllegalArgumentException(
                    source + ": not a Kubernetes object: " + document.getClass().getSimpleName());
        }
    }
}
