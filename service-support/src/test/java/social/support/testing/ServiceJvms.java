package social.support.testing;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Services as separate JVMs started from their packaged jars, as in production, against this test
 * JVM's real infrastructure: what the end-to-end suite's stack and the fault harness share.
 */
public final class ServiceJvms {
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

    /**
     * The operator's token of this test JVM's stack (MANAGEMENT_TOKEN of every service it starts): what a
     * test sends as {@code Authorization: Bearer} to read or use an actuator endpoint beyond health and the
     * Prometheus scrape. Random per run, like a deployment's.
     */
    public static final String MANAGEMENT_TOKEN = randomToken();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceJvms() {}

    /** The repository root, from a module's directory (where Maven runs tests) or the root itself. */
    public static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return Files.exists(dir.resolve("mvnw")) ? dir : dir.getParent();
    }

    /** The command that runs {@code service} (an instance name such as {@code post-service#2} names its service). */
    public static List<String> command(Path root, String service) {
        return List.of(
                javaExecutable(),
                "-Xms64m",
                "-Xmx320m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-jar",
                jarOf(root, serviceOf(service)).toString());
    }

    /**
     * The environment of a service of this test JVM's stack: the infrastructure, its broker user on
     * {@code brokerUsers}' virtual host with senders checked, its own database role, and limits out
     * of the way of a test that signs up many users from one address.
     */
    public static Map<String, String> environment(String service, BrokerUsers brokerUsers, Duration rpcTimeout) {
        String name = serviceOf(service);
        Map<String, String> env = new LinkedHashMap<>();
        TestInfrastructure.start().forEach((key, value) -> env.put(toEnvName(key), value));
        env.put("RABBIT_VHOST", brokerUsers.vhost());
        env.put("RABBIT_USER", brokerUsers.user(name));
        env.put("RABBIT_PASSWORD", brokerUsers.password(name));
        env.put("SOCIAL_MESSAGING_VERIFYSENDERS", "true");
        env.put("MANAGEMENT_TOKEN", MANAGEMENT_TOKEN);
        env.put("SOCIAL_MESSAGING_RPCTIMEOUT", rpcTimeout.toMillis() + "ms");
        env.put("DB_POOL_SIZE", "5");
        env.put("RATE_LIMIT_ANONYMOUS_RPS", "10000");
        env.put("RATE_LIMIT_ANONYMOUS_BURST", "10000");
        env.put("SOCIAL_AUTH_REGISTRATION_MAXPERADDRESSPERHOUR", "100000");
        env.put("SOCIAL_AUTH_HASHING_PERADDRESSBURST", "100000");
        env.put("SOCIAL_AUTH_HASHING_PERADDRESSPERMINUTE", "100000");
        env.put("RATE_LIMIT_INVALID_TOKEN_BURST", "10000");
        // tests read the gateway's gauges; a deployment keeps metrics off the public port
        env.put("GATEWAY_ACTUATOR_ENDPOINTS", "health,metrics");
        env.remove("DB_USER");
        env.remove("DB_PASSWORD");
        String schema = DATABASE_SCHEMAS.get(name);
        if (schema != null) {
            DatabaseRole role = TestInfrastructure.databaseRole(schema);
            env.put("DB_USER", role.user());
            env.put("DB_PASSWORD", role.password());
        }
        return env;
    }

    /** Starts a service with {@code env}, its output appended to {@code log}. */
    public static Process launch(Path root, String service, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command(root, service))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service, e);
        }
    }

    /** Whether the service on {@code port} reports itself UP. */
    public static boolean healthy(int port) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
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

    /** Stops a process the way an operator would (SIGTERM), forcibly if it does not end in time. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code post-service#2} → {@code post-service}. */
    public static String serviceOf(String instance) {
        return instance.split("#")[0];
    }

    private static Path jarOf(Path root, String service) {
        Path target = root.resolve(service).resolve("target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar of " + service + " in " + target
                            + ": build through the reactor first, e.g. ./mvnw verify or ./mvnw package"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
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
}
