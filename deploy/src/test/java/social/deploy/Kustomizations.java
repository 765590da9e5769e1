package social.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import tools.jackson.databind.JsonNode;

/**
 * Rules for the kustomizations of deploy/k8s: each lists exactly the files of its folder, and an
 * overlay only resizes, removes or pins what the base defines, never the probes, the security
 * context, the environment or the images' names (so the base's rules hold for every overlay).
 */
final class Kustomizations {
    static final String FILE = "kustomization.yaml";
    /** What an overlay's patch must leave as the base has it. */
    static final Set<String> UNPATCHABLE =
            Set.of("livenessProbe", "readinessProbe", "startupProbe", "securityContext", "env", "envFrom", "image");

    private Kustomizations() {}

    /** The objects of the files (not folders) that the kustomization of {@code folder} lists as resources. */
    static List<Manifest> resources(Path folder) {
        List<Manifest> manifests = new ArrayList<>();
        for (JsonNode resource : Manifests.tree(folder.resolve(FILE)).path("resources")) {
            Path file = folder.resolve(resource.asString());
            if (Files.isRegularFile(file)) {
                manifests.addAll(Manifests.parse(Manifests.K8S.relativize(file).toString(), Manifests.read(file)));
            }
        }
        return manifests;
    }

    /** Every file of {@code folder} is used by its kustomization, and every file it names exists. */
    static List<String> listsEveryFile(Path folder) {
        List<String> violations = new ArrayList<>();
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return List.of(folder + ": no " + FILE);
        }
        JsonNode kustomization = Manifests.tree(file);
        Set<String> named = new LinkedHashSet<>();
        for (JsonNode resource : kustomization.path("resources")) {
            named.add(resource.asString());
        }
        for (JsonNode component : kustomization.path("components")) {
            named.add(component.asString());
        }
        for (JsonNode patch : kustomization.path("patches")) {
            if (patch.has("path")) {
                named.add(patch.path("path").asString());
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generator.path("files").forEach(entry -> named.add(fileOf(entry.asString())));
            generator.path("envs").forEach(entry -> named.add(entry.asString()));
        }
        if (kustomization.has("secretGenerator")) {
            violations.add(file + ": secretGenerator puts secrets into the manifests; create them apart"
                    + " (deploy/k8s/create-secrets.sh)");
        }
        for (String name : named) {
            if (!name.contains("://") && !Files.exists(folder.resolve(name))) {
                violations.add(file + ": names " + name + ", which does not exist");
            }
        }
        for (Path present : Manifests.files(folder)) {
            String name = present.getFileName().toString();
            if (!name.equals(FILE) && !named.contains(name)) {
                violations.add(file + ": does not list " + name + " of its folder");
            }
        }
        return violations;
    }

    /**
     * An overlay of {@code base}: the Deployments it sets replicas of, the objects its patches target
     * and the images it pins exist in the base; its patches leave {@link #UNPATCHABLE} alone and set
     * resources only with requests and limits of cpu and memory; no image is pinned to latest.
     */
    static List<String> overlayChangesOnlySizes(Path overlay, List<Manifest> base) {
        List<String> violations = new ArrayList<>();
        Path file = overlay.resolve(FILE);
        JsonNode kustomization = Manifests.tree(file);
        for (JsonNode replicas : kustomization.path("replicas")) {
            String name = replicas.path("name").asString();
            if (ManifestRules.named(base, Deployment.class, name) == null) {
                violations.add(file + ": replicas of " + name + ", which is no Deployment of the base");
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            String name = image.path("name").asString();
            boolean used = ManifestRules.of(base, Deployment.class).stream()
                    .flatMap(deployment -> ManifestRules.containers(deployment).stream())
                    .anyMatch(container -> container.getImage().startsWith(name + ":"));
            if (!used) {
                violations.add(file + ": pins image " + name + ", which no Deployment of the base runs");
            }
            String tag = image.path("newTag").asString("");
            if (!image.has("digest") && (tag.isEmpty() || tag.equals("latest"))) {
                violations.add(file + ": image " + name + " is not pinned to a version (newTag '" + tag + "')");
            }
        }
        for (JsonNode patch : kustomization.path("patches")) {
            JsonNode target = patch.path("target");
            String kind = target.path("kind").asString(null);
            String name = target.path("name").asString(null);
            boolean targets = base.stream().map(Manifest::resource).anyMatch(resource -> matches(resource, kind, name));
            if (!target.isMissingNode() && !targets) {
                violations.add(file + ": a patch targets " + kind + "/" + name + ", which the base does not have");
            }
            String where = file + " patch " + patch.path("path").asString("(inline)");
            JsonNode body = patch.has("path")
                    ? Manifests.tree(overlay.resolve(patch.path("path").asString()))
                    : Manifests.tree(patch.path("patch").asString());
            patchChangesOnlySizes(where, body, violations);
        }
        return violations;
    }

    /** A JSON patch (a list of operations) or a strategic-merge patch (an object) of an overlay. */
    static void patchChangesOnlySizes(String where, JsonNode patch, List<String> violations) {
        if (patch.isArray()) {
            for (JsonNode operation : patch) {
                String path = operation.path("path").asString("");
                for (String segment : path.split("/")) {
                    if (UNPATCHABLE.contains(segment)) {
                        violations.add(where + ": " + operation.path("op").asString() + " " + path
                                + " changes what the base's rules check");
                    }
                }
                if (path.endsWith("/resources")) {
                    resourcesComplete(where + " " + path, operation.path("value"), violations);
                }
                walk(where, operation.path("value"), violations);
            }
        } else {
            walk(where, patch, violations);
        }
    }

    private static void walk(String where, JsonNode node, List<String> violations) {
        if (node.isObject()) {
            for (String field : node.propertyNames()) {
                if (UNPATCHABLE.contains(field)) {
                    violations.add(where + ": sets " + field + ", which the base's rules check");
                }
                if (field.equals("resources") && node.path(field).isObject()) {
                    resourcesComplete(where + " resources", node.path(field), violations);
                }
                walk(where, node.path(field), violations);
            }
        } else if (node.isArray()) {
            node.forEach(item -> walk(where, item, violations));
        }
    }

    private static void resourcesComplete(String where, JsonNode resources, List<String> violations) {
        for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (resources.path(bound).path(resource).isMissingNode()) {
                    violations.add(where + ": no " + bound + "." + resource);
                }
            }
        }
    }

    private static boolean matches(HasMetadata resource, String kind, String name) {
        return (kind == null || kind.equals(resource.getKind()))
                && (name == null || name.equals(resource.getMetadata().getName()));
    }

    private static String fileOf(String entry) {
        return entry.contains("=") ? entry.substring(entry.indexOf('=') + 1) : entry;
    }
}
