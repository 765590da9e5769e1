package social.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What every set of manifests of this system must keep (docs/scaling.md, "Kubernetes"). Each
 * rule answers the violations it found, one line each naming the object and its file; none means
 * the rule holds. {@link #check} runs them all.
 */
final class ManifestRules {
    static final String LIVENESS = "/actuator/health/liveness";
    static final String READINESS = "/actuator/health/readiness";
    /** Names of settings whose value is a secret: they come from a Secret, never from the manifest. */
    static final Pattern SECRET_NAME =
            Pattern.compile(".*(PASSWORD|SECRET|PRIVATE_KEY|TOKEN).*", Pattern.CASE_INSENSITIVE);

    private ManifestRules() {}

    /** Every rule over {@code manifests}, taken as one deployable set. */
    static List<String> check(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        violations.addAll(knownFieldsOnly(manifests));
        violations.addAll(probesOnTheActuatorGroups(manifests));
        violations.addAll(resourcesRequestedAndLimited(manifests));
        violations.addAll(imagesPinnedToAVersion(manifests));
        violations.addAll(secretsFromSecretsOnly(manifests));
        violations.addAll(nonRootReadOnly(manifests));
        violations.addAll(everyDeploymentHasADisruptionBudget(manifests));
        violations.addAll(autoscalersTargetDeployments(manifests));
        violations.addAll(servicesSelectDeployments(manifests));
        violations.addAll(configMapsReferencedExist(manifests));
        return violations;
    }

    /**
     * No field the model does not know (a typo such as {@code readinesProbe} would otherwise be ignored
     * by the model and by a lenient server, and the probe silently missing). Custom resources are
     * exempt: their schema is their operator's.
     */
    static List<String> knownFieldsOnly(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (!(manifest.resource() instanceof GenericKubernetesResource)) {
                unknownFields(manifest.resource(), "", manifest, violations);
            }
        }
        return violations;
    }

    /**
     * Every container of every Deployment: a liveness probe on {@value #LIVENESS}, a readiness probe on
     * {@value #READINESS} and a startup probe on {@value #LIVENESS}, each an HTTP GET on a port the
     * container declares.
     */
    static List<String> probesOnTheActuatorGroups(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, Deployment.class)) {
            for (Container container : containers(manifest)) {
                String where = manifest.where() + " container " + container.getName();
                probe(where, "livenessProbe", container.getLivenessProbe(), LIVENESS, container, violations);
                probe(where, "readinessProbe", container.getReadinessProbe(), READINESS, container, violations);
                probe(where, "startupProbe", container.getStartupProbe(), LIVENESS, container, violations);
            }
        }
        return violations;
    }

    /** Every container of every Deployment requests and limits both cpu and memory. */
    static List<String> resourcesRequestedAndLimited(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, Deployment.class)) {
            for (Container container : containers(manifest)) {
                ResourceRequirements resources = container.getResources();
                for (String bound : List.of("requests", "limits")) {
                    Map<String, Quantity> amounts = resources == null
                            ? null
                            : bound.equals("requests") ? resources.getRequests() : resources.getLimits();
                    for (String resource : List.of("cpu", "memory")) {
                        if (amounts == null || amounts.get(resource) == null) {
                            violations.add(manifest.where() + " container " + container.getName() + ": no " + bound
                                    + "." + resource);
                        }
                    }
                }
            }
        }
        return violations;
    }

    /** Every image names a version: a tag other than {@code latest}, or a digest. */
    static List<String> imagesPinnedToAVersion(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, Deployment.class)) {
            for (Container container : allContainers(manifest)) {
                String problem = imageProblem(container.getImage());
                if (problem != null) {
                    violations.add(manifest.where() + " container " + container.getName() + ": image "
                            + container.getImage() + " " + problem);
                }
            }
        }
        return violations;
    }

    /**
     * A setting named like a secret ({@link #SECRET_NAME}) is read from a Secret ({@code
     * secretKeyRef}): never a literal value nor a ConfigMap's, and no ConfigMap holds such a key.
     */
    static List<String> secretsFromSecretsOnly(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, Deployment.class)) {
            for (Container container : allContainers(manifest)) {
                for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches()
                            && (env.getValue() != null
                                    || env.getValueFrom() == null
                                    || env.getValueFrom().getSecretKeyRef() == null)) {
                        violations.add(manifest.where() + " container " + container.getName() + ": env " + env.getName()
                                + " is not read from a Secret (secretKeyRef)");
                    }
                }
            }
        }
        for (Manifest manifest : of(manifests, ConfigMap.class)) {
            ConfigMap map = (ConfigMap) manifest.resource();
            for (String key :
                    map.getData() == null ? Set.<String>of() : map.getData().keySet()) {
                if (SECRET_NAME.matcher(key).matches()) {
                    violations.add(manifest.where() + ": key " + key + " belongs in a Secret");
                }
            }
        }
        return violations;
    }

    /**
     * Every container runs as non-root (its own or the pod's {@code runAsNonRoot}), on a read-only root
     * file system, without privilege escalation.
     */
    static List<String> nonRootReadOnly(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, Deployment.class)) {
            PodSecurityContext pod = podSpec(manifest).getSecurityContext();
            for (Container container : allContainers(manifest)) {
                SecurityContext own = container.getSecurityContext();
                String where = manifest.where() + " container " + container.getName();
                Boolean nonRoot = own != null && own.getRunAsNonRoot() != null
                        ? own.getRunAsNonRoot()
                        : pod == null ? null : pod.getRunAsNonRoot();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    violations.add(where + ": runAsNonRoot is not true");
                }
                if (own == null || !Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
                    violations.add(where + ": readOnlyRootFilesystem is not true");
                }
                if (own == null || !Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
                    violations.add(where + ": allowPrivilegeEscalation is not false");
                }
            }
        }
        return violations;
    }

    /** Every Deployment's pods are selected by a PodDisruptionBudget. */
    static List<String> everyDeploymentHasADisruptionBudget(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        List<PodDisruptionBudget> budgets = of(manifests, PodDisruptionBudget.class).stream()
                .map(manifest -> (PodDisruptionBudget) manifest.resource())
                .toList();
        for (Manifest manifest : of(manifests, Deployment.class)) {
            Map<String, String> labels = podLabels(manifest);
            boolean covered = budgets.stream()
                    .anyMatch(budget ->
                            budget.getSpec() != null && selects(budget.getSpec().getSelector(), labels));
            if (!covered) {
                violations.add(manifest.where() + ": no PodDisruptionBudget selects its pods");
            }
        }
        return violations;
    }

    /**
     * Every HorizontalPodAutoscaler scales a Deployment of the set ({@code apps/v1}), which leaves its
     * replica count to the autoscaler (a {@code replicas} in the Deployment would reset the scale at
     * every apply).
     */
    static List<String> autoscalersTargetDeployments(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, HorizontalPodAutoscaler.class)) {
            HorizontalPodAutoscaler autoscaler = (HorizontalPodAutoscaler) manifest.resource();
            CrossVersionObjectReference target =
                    autoscaler.getSpec() == null ? null : autoscaler.getSpec().getScaleTargetRef();
            if (target == null) {
                violations.add(manifest.where() + ": no scaleTargetRef");
                continue;
            }
            Manifest deployment = named(manifests, Deployment.class, target.getName());
            if (!"Deployment".equals(target.getKind())
                    || !"apps/v1".equals(target.getApiVersion())
                    || deployment == null) {
                violations.add(manifest.where() + ": targets " + target.getApiVersion() + " " + target.getKind() + "/"
                        + target.getName() + ", which is not a Deployment of this set");
            } else if (((Deployment) deployment.resource()).getSpec().getReplicas() != null) {
                violations.add(deployment.where() + ": sets replicas, but " + manifest.where() + " owns the count");
            }
        }
        return violations;
    }

    /** Every Service selects the pods of a Deployment, on a port their container declares. */
    static List<String> servicesSelectDeployments(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, Service.class)) {
            Service service = (Service) manifest.resource();
            Map<String, String> selector = service.getSpec().getSelector();
            List<Manifest> selected = of(manifests, Deployment.class).stream()
                    .filter(deployment -> selector != null
                            && !selector.isEmpty()
                            && podLabels(deployment).entrySet().containsAll(selector.entrySet()))
                    .toList();
            if (selected.isEmpty()) {
                violations.add(manifest.where() + ": selects no Deployment's pods");
                continue;
            }
            for (var port : service.getSpec().getPorts()) {
                for (Manifest deployment : selected) {
                    boolean declared = containers(deployment).stream()
                            .anyMatch(container -> declares(container, port.getTargetPort()));
                    if (!declared) {
                        violations.add(manifest.where() + ": targetPort " + text(port.getTargetPort())
                                + " is no port of " + deployment.where());
                    }
                }
            }
        }
        return violations;
    }

    /** Every ConfigMap a container takes its environment from is part of the set. */
    static List<String> configMapsReferencedExist(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : of(manifests, Deployment.class)) {
            for (Container container : allContainers(manifest)) {
                for (EnvFromSource source :
                        container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null
                            && named(
                                            manifests,
                                            ConfigMap.class,
                                            source.getConfigMapRef().getName())
                                    == null) {
                        violations.add(manifest.where() + ": ConfigMap "
                                + source.getConfigMapRef().getName() + " is not in the set");
                    }
                }
            }
        }
        return violations;
    }

    // ------------------------------------------------------------------------------- helpers

    static List<Manifest> of(List<Manifest> manifests, Class<? extends HasMetadata> type) {
        return manifests.stream()
                .filter(manifest -> type.isInstance(manifest.resource()))
                .toList();
    }

    static Manifest named(List<Manifest> manifests, Class<? extends HasMetadata> type, String name) {
        return of(manifests, type).stream()
                .filter(manifest -> Objects.equals(manifest.name(), name))
                .findFirst()
                .orElse(null);
    }

    static PodSpec podSpec(Manifest deployment) {
        return ((Deployment) deployment.resource()).getSpec().getTemplate().getSpec();
    }

    static List<Container> containers(Manifest deployment) {
        List<Container> containers = podSpec(deployment).getContainers();
        return containers == null ? List.of() : containers;
    }

    private static List<Container> allContainers(Manifest deployment) {
        List<Container> all = new ArrayList<>(containers(deployment));
        if (podSpec(deployment).getInitContainers() != null) {
            all.addAll(podSpec(deployment).getInitContainers());
        }
        return all;
    }

    static Map<String, String> podLabels(Manifest deployment) {
        var metadata =
                ((Deployment) deployment.resource()).getSpec().getTemplate().getMetadata();
        return metadata == null || metadata.getLabels() == null ? Map.of() : metadata.getLabels();
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null
                && selector.getMatchLabels() != null
                && !selector.getMatchLabels().isEmpty()
                && (selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty())
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static void probe(
            String where, String kind, Probe probe, String path, Container container, List<String> violations) {
        if (probe == null) {
            violations.add(where + ": no " + kind);
        } else if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + ": " + kind + " is not an HTTP GET of " + path);
        } else if (!declares(container, probe.getHttpGet().getPort())) {
            violations.add(
                    where + ": " + kind + " port " + text(probe.getHttpGet().getPort()) + " is not declared");
        }
    }

    private static boolean declares(Container container, IntOrString port) {
        if (port == null || container.getPorts() == null) {
            return false;
        }
        Function<ContainerPort, Boolean> matches = declared -> port.getStrVal() != null
                ? port.getStrVal().equals(declared.getName())
                : Objects.equals(port.getIntVal(), declared.getContainerPort());
        return container.getPorts().stream().anyMatch(matches::apply);
    }

    private static String text(IntOrString port) {
        return port == null ? "(none)" : port.getStrVal() != null ? port.getStrVal() : String.valueOf(port.getIntVal());
    }

    /** Why {@code image} names no version, or null if it does. */
    static String imageProblem(String image) {
        if (image == null || image.isBlank()) {
            return "is missing";
        }
        if (image.contains("@sha256:")) {
            return null;
        }
        String last = image.substring(image.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        if (colon < 0) {
            return "has no tag (it means latest)";
        }
        if (last.substring(colon + 1).equals("latest")) {
            return "is tagged latest";
        }
        return null;
    }

    private static void unknownFields(Object node, String path, Manifest manifest, List<String> violations) {
        if (node == null || node instanceof Quantity || node instanceof IntOrString) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", manifest, violations);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, manifest, violations));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            String field = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            if (field.equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    violations.add(manifest.where() + ": unknown field(s) " + extra.keySet() + " at "
                            + (path.isEmpty() ? "the top" : path.substring(1)));
                }
            } else {
                unknownFields(value, path + "." + field, manifest, violations);
            }
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
