package social.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** One Kubernetes object and the file (or text) it came from, for messages that say where to look. */
record Manifest(String source, HasMetadata resource) {

    String kind() {
        return resource.getKind();
    }

    String name() {
        return resource.getMetadata() == null ? null : resource.getMetadata().getName();
    }

    /** {@code kind/name (source)}: how a rule names what it found wrong. */
    String where() {
        return kind() + "/" + name() + " (" + source + ")";
    }
}
