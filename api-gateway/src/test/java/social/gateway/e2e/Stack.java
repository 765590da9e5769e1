package social.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.awaitility.Awaitility;

import social.support.testing.BrokerUsers;
import social.support.testing.ServiceJvms;
import social.support.testing.TestInfrastructure;

/**
 * The whole system for the end-to-end suite: every service started from its packaged jar as its
 * own JVM, as in production, against this run's database and messaging prefix, each service as
 * {@link #INSTANCES} instances (competing and single active consumers, one relaying outbox, several
 * gateways). Started once per test JVM and shared by all end-to-end test classes; stopped when the
 * JVM exits.
 */
public final class Stack {
    /** In start order; the gateway last. */
    public static final List<String> SERVICES = ServiceJvms.SERVICES;
    /**
     * Instances of every service, the gateway included ({@code -De2e.instances=1} for one each):
     * {@code post-service}, {@code post-service#b}, ...
     */
    public static final int INSTANCES = Integer.getInteger("e2e.instances", 2);
    /** The schema (and so the database role) of each service that has one. */
    public static final Map<String, String> DATABASE_SCHEMAS = ServiceJvms.DATABASE_SCHEMAS;
    /** The default timeout: the suite runs on small, busy CI machines too. */
    public static final Duration RPC_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private static Stack instance;
    private BrokerUsers brokerUsers;
    private static RuntimeException startFailure;

    private final Path root;
    private final Path logs;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    /** Where every service of the stack exports its spans (the tests watch the traces they start). */
    private final TraceCollector traces = TraceCollector.start();
    /** Settings of the extra instances ({@code service#instance}) on top of the common ones. */
    private final Map<String, Map<String, String>> extraEnv = new ConcurrentHashMap<>();

    private Stack() {
        this.root = ServiceJvms.repositoryRoot();
        this.logs = root.resolve("api-gateway/target/e2e-logs");
        SERVICES.forEach(
                service -> instancesOf(service).forEach(instance -> ports.put(instance, ServiceJvms.freePort())));
    }

    /** The instances every service runs as: the service's own name, then {@code <service>#b}, {@code #c}, ... */
    public static List<String> instancesOf(String service) {
        List<String> instances = new ArrayList<>();
        instances.add(service);
        for (int i = 1; i < INSTANCES; i++) {
            instances.add(service + "#" + (char) ('a' + i));
        }
        return instances;
    }

    /** Every instance of every service, in start order. */
    public static List<String> instances() {
        return SERVICES.stream()
                .flatMap(service -> instancesOf(service).stream())
                .toList();
    }

    public static synchronized Stack get() {
        if (startFailure != null) {
            // one stack per JVM: a second attempt would run beside the leftovers of the first
            throw new IllegalStateException("the end-to-end stack did not start", startFailure);
        }
        if (instance == null) {
            Stack stack = new Stack();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stopAll, "stop-e2e-stack"));
            try {
                stack.startAll();
            } catch (RuntimeException e) {
                startFailure = e;
                stack.stopAll();
                throw e;
            }
            instance = stack;
        }
        return instance;
    }

    /** The HTTP port of a service's first instance, or of an instance (its actuator, bound to 127.0.0.1). */
    public int port(String service) {
        return ports.get(service);
    }

    /** The first gateway instance. */
    public URI gateway() {
        return gateways().get(0);
    }

    /** Every instance of the gateway the stack runs (not those a test starts for itself). */
    public List<URI> gateways() {
        return instancesOf("api-gateway").stream()
                .map(instance -> URI.create("http://127.0.0.1:" + ports.get(instance)))
                .toList();
    }

    /**
     * Starts a service (again) and waits until it reports healthy: every instance of it, or the one
     * instance named ({@code user-service#b}). An instance still running is left as it is: a second
     * process would replace the first in {@link #processes} and outlive the suite.
     */
    public synchronized void start(String service) {
        List<String> instances = named(service);
        for (String instance : instances) {
            Process running = processes.get(instance);
            if (running == null || !running.isAlive()) {
                launch(instance);
            }
        }
        awaitHealthy(instances);
    }

    /**
     * Stops a service the way an operator would (SIGTERM, graceful shutdown): every instance of it,
     * or the one instance named.
     */
    public synchronized void stop(String service) {
        for (String instance : named(service)) {
            Process process = processes.remove(instance);
            if (process != null) {
                ServiceJvms.stop(process, Duration.ofSeconds(30));
            }
        }
    }

    /** A service's name stands for all its instances; an instance's ({@code service#x}) for itself. */
    private static List<String> named(String service) {
        return service.contains("#") ? List.of(service) : instancesOf(service);
    }

    /** Where every service's output goes, one file per instance. */
    public Path logs() {
        return logs;
    }

    /**
     * Starts one more instance of a service (a second gateway, say) on a port of its own, with
     * extra settings; it is stopped with the stack. Answers its base URI.
     */
    public synchronized URI startInstance(String service, String instance, Map<String, String> env) {
        String key = service + "#" + instance;
        if (!processes.containsKey(key)) {
            ports.put(key, ServiceJvms.freePort());
            extraEnv.put(key, Map.copyOf(env));
            start(key);
        }
        return URI.create("http://127.0.0.1:" + ports.get(key));
    }

    private void startAll() {
        TestInfrastructure.start();
        createBrokerUsers();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // in waves, one instance of every service at a time: fourteen JVMs starting at once on two
        // cores take longer than two waves of seven
        for (int wave = 0; wave < INSTANCES; wave++) {
            int instance = wave;
            List<String> starting = SERVICES.stream()
                    .map(service -> instancesOf(service).get(instance))
                    .toList();
            starting.forEach(this::launch);
            awaitHealthy(starting);
        }
    }

    private void stopAll() {
        processes.values().forEach(Process::destroy);
        processes.values().forEach(process -> {
            try {
                process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        });
        deleteBrokerUsers();
    }

    // ---------------------------------------------------------------- broker identity

    /**
     * The stack's own virtual host with one broker user per service and for the gateway, each with
     * the least rights of {@code BrokerPermissions}, and senders checked: as a deployment runs.
     */
    private void createBrokerUsers() {
        brokerUsers = BrokerUsers.create(
                "social-test-" + TestInfrastructure.runId(),
                TestInfrastructure.start().get("MESSAGING_PREFIX"));
    }

    private void deleteBrokerUsers() {
        if (brokerUsers != null) {
            brokerUsers.close();
            brokerUsers = null;
        }
    }

    /** The spans the stack's services exported, of the traces a test watches. */
    TraceCollector traces() {
        return traces;
    }

    /** The broker users of this stack, for a test that talks to the broker as one of the services. */
    public BrokerUsers brokerUsers() {
        return brokerUsers;
    }

    private void launch(String service) {
        Map<String, String> env = ServiceJvms.environment(service, brokerUsers, RPC_TIMEOUT);
        env.put("SERVER_PORT", String.valueOf(ports.get(service)));
        env.put("OTLP_TRACING_ENDPOINT", traces.endpoint());
        env.putAll(extraEnv.getOrDefault(service, Map.of()));
        processes.put(
                service, ServiceJvms.launch(root, service, env, logs.resolve(service.replace('#', '-') + ".log")));
    }

    private void awaitHealthy(List<String> services) {
        List<String> waiting = new ArrayList<>(services);
        Awaitility.await("healthy " + waiting)
                .atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    waiting.removeIf(this::healthy);
                    for (String service : waiting) {
                        Process process = processes.get(service);
                        if (process == null || !process.isAlive()) {
                            throw new IllegalStateException(service + " exited during startup; see "
                                    + logs.resolve(service.replace('#', '-') + ".log"));
                        }
                    }
                    return waiting.isEmpty();
                });
    }

    private boolean healthy(String service) {
        // an instance with a management port of its own answers health there
        String management = extraEnv.getOrDefault(service, Map.of()).get("MANAGEMENT_PORT");
        return ServiceJvms.healthy(management != null ? Integer.parseInt(management) : ports.get(service));
    }
}
