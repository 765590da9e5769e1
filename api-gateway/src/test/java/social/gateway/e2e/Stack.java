package social.gateway.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import social.support.testing.BrokerUsers;
import social.support.testing.DatabaseRole;
import social.support.testing.TestInfrastructure;

/**
 * The whole system for the end-to-end suite: every service started from its packaged jar as its
 * own JVM, as in production, against this run's database and messaging prefix. Started once per
 * test JVM and shared by all end-to-end test classes; stopped when the JVM exits.
 */
public final class Stack {
    /** In start order; the gateway last. */
    public static final List<String> SERVICES = List.of(
            "auth-service",
            "user-service",
            "post-service",
            "followers-service",
            "like-service",
            "notification-service",
            "api-gateway");
    /** The schema (and so the database role) of each service that has one. */
    public static final Map<String, String> DATABASE_SCHEMAS = Map.of(
            "auth-service", "auth",
            "user-service", "users",
            "post-service", "posts",
            "followers-service", "followers",
            "like-service", "likes",
            "notification-service", "notifications");
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
    /** Settings of the extra instances ({@code service#instance}) on top of the common ones. */
    private final Map<String, Map<String, String>> extraEnv = new ConcurrentHashMap<>();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Stack() {
        Path moduleDir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        this.root = Files.exists(moduleDir.resolve("mvnw")) ? moduleDir : moduleDir.getParent();
        this.logs = root.resolve("api-gateway/target/e2e-logs");
        SERVICES.forEach(service -> ports.put(service, freePort()));
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

    /** The HTTP port of a service (its actuator, bound to 127.0.0.1). */
    public int port(String service) {
        return ports.get(service);
    }

    public URI gateway() {
        return URI.create("http://127.0.0.1:" + ports.get("api-gateway"));
    }

    /**
     * Starts a service (again) and waits until it reports healthy. A service still running is left
     * as it is: a second process would replace the first in {@link #processes} and outlive the suite.
     */
    public synchronized void start(String service) {
        Process running = processes.get(service);
        if (running == null || !running.isAlive()) {
            launch(service);
        }
        awaitHealthy(List.of(service));
    }

    /** Stops a service the way an operator would (SIGTERM, graceful shutdown). */
    public synchronized void stop(String service) {
        Process process = processes.remove(service);
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
            ports.put(key, freePort());
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
        SERVICES.forEach(this::launch);
        awaitHealthy(SERVICES);
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

    /** The broker users of this stack, for a test that talks to the broker as one of the services. */
    public BrokerUsers brokerUsers() {
        return brokerUsers;
    }

    private Map<String, String> brokerIdentityEnv(String service) {
        return Map.of(
                "RABBIT_VHOST", brokerUsers.vhost(),
                "RABBIT_USER", brokerUsers.user(service),
                "RABBIT_PASSWORD", brokerUsers.password(service),
                "SOCIAL_MESSAGING_VERIFYSENDERS", "true");
    }

    private void launch(String service) {
        Path jar = jarOf(service.split("#")[0]);
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xms64m",
                "-Xmx320m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(service.replace('#', '-') + ".log").toFile()));
        Map<String, String> env = builder.environment();
        TestInfrastructure.start().forEach((key, value) -> env.put(toEnvName(key), value));
        env.putAll(brokerIdentityEnv(service.split("#")[0]));
        env.put("SERVER_PORT", String.valueOf(ports.get(service)));
        env.put("SOCIAL_MESSAGING_RPCTIMEOUT", RPC_TIMEOUT.toMillis() + "ms");
        env.put("DB_POOL_SIZE", "5");
        // the suite signs up many users from one address: keep the limits out of its way
        env.put("RATE_LIMIT_ANONYMOUS_RPS", "10000");
        env.put("RATE_LIMIT_ANONYMOUS_BURST", "10000");
        env.put("SOCIAL_AUTH_REGISTRATION_MAXPERADDRESSPERHOUR", "100000");
        env.put("SOCIAL_AUTH_HASHING_PERADDRESSBURST", "100000");
        env.put("SOCIAL_AUTH_HASHING_PERADDRESSPERMINUTE", "100000");
        env.put("RATE_LIMIT_INVALID_TOKEN_BURST", "10000");
        // the suite reads the gateway's stream gauge; a deployment keeps metrics off the public port
        env.put("GATEWAY_ACTUATOR_ENDPOINTS", "health,metrics");
        putDatabaseRole(service.split("#")[0], env);
        env.putAll(extraEnv.getOrDefault(service, Map.of()));
        try {
            processes.put(service, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    /** Each service logs in as its own role, as in a deployment; the admin's credentials stay here. */
    private static void putDatabaseRole(String service, Map<String, String> env) {
        env.remove("DB_USER");
        env.remove("DB_PASSWORD");
        String schema = DATABASE_SCHEMAS.get(service);
        if (schema != null) {
            DatabaseRole role = TestInfrastructure.databaseRole(schema);
            env.put("DB_USER", role.user());
            env.put("DB_PASSWORD", role.password());
        }
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
                            throw new IllegalStateException(
                                    service + " exited during startup; see " + logs.resolve(service + ".log"));
                        }
                    }
                    return waiting.isEmpty();
                });
    }

    private boolean healthy(String service) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(service) + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path jarOf(String service) {
        Path target = root.resolve(service).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar of " + service + " in " + target
                            + ": run the end-to-end suite through the reactor, e.g. ./mvnw verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toEnvName(String property) {
        // Spring's relaxed binding: dots become underscores, dashes go
        return property.toUpperCase().replace(".", "_").replace("-", "");
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
