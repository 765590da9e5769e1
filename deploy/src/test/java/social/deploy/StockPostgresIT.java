package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The front door on a stock machine (docs/running.md): {@code scripts/run-local.sh} against a second Postgres
 * cluster created with its distribution's defaults ({@code pg_createcluster <version> stock -p 5433}, its
 * pg_hba.conf as created: peer over the Unix socket, scram-sha-256 over TCP, no trust), then a smoke test
 * through the gateway (register, log in, post, read the timeline), every service's metrics and the
 * operator's management UI. The stack, its virtual host and broker users and the cluster are removed
 * afterwards, also when something failed.
 *
 * <p>Needs Debian's postgresql-common (pg_createcluster) and root, or sudo without a password; the packaged
 * jars of the services (the reactor builds them before this module). Its own ports (28080-28086, the
 * gateway's actuator on 28090), virtual host and messaging prefix, so it never meets another stack.
 */
class StockPostgresIT {
    private static final Path ROOT = Observability.ROOT;
    private static final String CLUSTER = "stock";
    private static final int PORT = Integer.getInteger("stock.postgres.port", 5433);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String VHOST = "social-stock-" + RUN;
    private static final String PREFIX = "stock-" + RUN + ".";
    private static final int GATEWAY = 28080;
    private static final int GATEWAY_MANAGEMENT = 28090;
    private static final Map<String, Integer> SERVICE_PORTS = Map.of(
            "AUTH_PORT", 28081,
            "USER_PORT", 28082,
            "POST_PORT", 28083,
            "FOLLOWERS_PORT", 28084,
            "LIKE_PORT", 28085,
            "NOTIFICATION_PORT", 28086);
    private static final Path RUN_DIR =
            Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target/stock-run");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = new JsonMapper();

    private static String version;
    private static boolean clusterCreated;
    private static boolean stackStarted;

    @BeforeAll
    static void startTheStackOnAStockCluster() throws Exception {
        version = newestPostgresVersion();
        if (clusterExists()) {
            // left by a run that was killed before its clean-up
            root("pg_dropcluster", "--stop", version, CLUSTER);
        }
        root("pg_createcluster", version, CLUSTER, "-p", String.valueOf(PORT));
        clusterCreated = true;
        root("pg_ctlcluster", "--skip-systemctl-redirect", version, CLUSTER, "start");
        deleteRecursively(RUN_DIR);
        stackStarted = true;
        Result start = runLocal("start");
        assertThat(start.exitCode())
                .as("scripts/run-local.sh start against the stock cluster:%n%s", start.output())
                .isZero();
    }

    @AfterAll
    static void removeEverything() throws Exception {
        List<String> failures = new ArrayList<>();
        if (stackStarted) {
            attempt(failures, "stop the stack", () -> runLocal("stop"));
        }
        if (clusterCreated) {
            attempt(failures, "drop the cluster", () -> root("pg_dropcluster", "--stop", version, CLUSTER));
        }
        attempt(failures, "delete the vhost", () -> run(List.of("rabbitmqctl", "-q", "delete_vhost", VHOST)));
        attempt(failures, "delete the broker users", () -> {
            Result users = run(List.of("rabbitmqctl", "-q", "list_users", "--no-table-headers"));
            for (String line : users.output().split("\n")) {
                String user = line.split("\t")[0].trim();
                if (user.startsWith(PREFIX)) {
                    run(List.of("rabbitmqctl", "-q", "delete_user", user));
                }
            }
            return users;
        });
        assertThat(failures).as("clean-up").isEmpty();
    }

    @Test
    void theClusterHasTheDistributionsDefaultAuthenticationWithoutTrust() throws IOException {
        List<String> rules = Files.readAllLines(Path.of("/etc/postgresql", version, CLUSTER, "pg_hba.conf")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        assertThat(rules).noneMatch(rule -> rule.matches(".*\\btrust\\b.*"));
        assertThat(rules).anyMatch(rule -> rule.matches("local\\s+all\\s+postgres\\s+peer.*"));
        assertThat(rules).anyMatch(rule -> rule.matches("host\\s+all\\s+all\\s+127\\.0\\.0\\.1/32\\s+scram-sha-256.*"));
    }

    @Test
    void aNewUserRegistersLogsInPostsAndReadsTheTimelineThroughTheGateway() throws Exception {
        String username = "stock_" + RUN;
        String password = "correct horse " + RUN;

        HttpResponse<String> registered = send(post(
                "/api/auth/register",
                Map.of("username", username, "email", username + "@example.com", "password", password)));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        HttpResponse<String> login = send(post("/api/auth/login", Map.of("username", username, "password", password)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        String token = JSON.readTree(login.body()).path("accessToken").asString();
        HttpResponse<String> posted =
                send(withToken(post("/api/posts", Map.of("content", "hello from a stock Postgres")), token));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String postId = JSON.readTree(posted.body()).path("id").asString();

        await("the post on its author's timeline")
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    HttpResponse<String> timeline =
                            send(withToken(gateway("/api/timeline").GET(), token));
                    assertThat(timeline.statusCode()).as(timeline.body()).isEqualTo(200);
                    List<String> ids = new ArrayList<>();
                    JSON.readTree(timeline.body())
                            .path("items")
                            .forEach(item -> ids.add(item.path("id").asString()));
                    assertThat(ids).as(timeline.body()).contains(postId);
                });
    }

    @Test
    void everyServiceAndTheGatewayServeTheirMetricsOnThisHost() throws Exception {
        List<Integer> ports = new ArrayList<>(SERVICE_PORTS.values());
        ports.add(GATEWAY_MANAGEMENT);
        for (int port : ports) {
            HttpResponse<String> metrics =
                    send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                            .GET());
            assertThat(metrics.statusCode()).as("port %d", port).isEqualTo(200);
            assertThat(metrics.body()).as("port %d", port).contains("jvm_memory_used_bytes");
        }
        HttpResponse<String> publicPort = send(gateway("/actuator/prometheus").GET());
        assertThat(publicPort.statusCode()).isNotEqualTo(200);
    }

    @Test
    void theOperatorLogsInToTheManagementUiAndSeesTheServicesQueues() throws Exception {
        String operatorPassword = Files.readAllLines(RUN_DIR.resolve("broker-credentials")).stream()
                .filter(line -> line.startsWith("operator\t"))
                .map(line -> line.substring("operator\t".length()))
                .findFirst()
                .orElseThrow();
        String credentials = Base64.getEncoder()
                .encodeToString((PREFIX + "operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> queues = send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:15672/api/queues/" + URLEncoder.encode(VHOST, StandardCharsets.UTF_8)))
                .header("Authorization", "Basic " + credentials)
                .GET());

        assertThat(queues.statusCode()).as(queues.body()).isEqualTo(200);
        assertThat(queues.body()).contains(PREFIX + "post.rpc.requests", ".dlq");
    }

    @Test
    void theGeneratedPasswordsAreReadableByTheirOwnerOnly() throws IOException {
        for (String file : List.of("db-credentials", "broker-credentials")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(RUN_DIR.resolve(file));

            assertThat(permissions)
                    .as(file)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        assertThat(Files.readString(RUN_DIR.resolve("db-credentials"))).contains("posts\t");
    }

    // ---------------------------------------------------------------- helpers

    private static HttpRequest.Builder gateway(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + GATEWAY + path))
                .timeout(Duration.ofSeconds(15));
    }

    private static HttpRequest.Builder post(String path, Map<String, String> body) {
        return gateway(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Result runLocal(String command) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("DB_HOST", "localhost");
        environment.put("DB_PORT", String.valueOf(PORT));
        environment.put("DB_NAME", "social");
        environment.put("RABBIT_VHOST", VHOST);
        environment.put("MESSAGING_PREFIX", PREFIX);
        environment.put("GATEWAY_PORT", String.valueOf(GATEWAY));
        environment.put("GATEWAY_MANAGEMENT_PORT", String.valueOf(GATEWAY_MANAGEMENT));
        SERVICE_PORTS.forEach((variable, port) -> environment.put(variable, String.valueOf(port)));
        environment.put("RUN_DIR", RUN_DIR.toString());
        // one start: training the start-up caches would cost more than it saves
        environment.put("AOT_CACHE", "off");
        environment.put("STARTUP_TIMEOUT", "300");
        List<String> script = List.of(ROOT.resolve("scripts/run-local.sh").toString(), command);
        return run(script, environment, Duration.ofMinutes(8));
    }

    /** Runs a command as root: directly when this JVM is root, else through sudo without a password. */
    private static Result root(String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("sudo", "-n"));
        }
        full.addAll(List.of(command));
        Result result = run(full);
        assertThat(result.exitCode())
                .as("%s (this test needs root, or sudo without a password):%n%s", full, result.output())
                .isZero();
        return result;
    }

    private static String newestPostgresVersion() throws IOException {
        Path installed = Path.of("/usr/lib/postgresql");
        assertThat(installed)
                .as("Debian's PostgreSQL packages (postgresql, postgresql-common: pg_createcluster)")
                .isDirectory();
        try (Stream<Path> versions = Files.list(installed)) {
            return versions.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("\\d+"))
                    .max((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under " + installed));
        }
    }

    private static boolean clusterExists() {
        return Files.isDirectory(Path.of("/etc/postgresql", version, CLUSTER));
    }

    private static Result run(List<String> command) throws Exception {
        return run(command, Map.of(), Duration.ofMinutes(2));
    }

    private static Result run(List<String> command, Map<String, String> environment, Duration timeout)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        // the admin's password must come from nowhere: the script has to find its way in without one
        builder.environment().remove("DB_ADMIN_PASSWORD");
        builder.environment().remove("PGPASSWORD");
        Path output = Files.createTempFile("stock-postgres", ".log");
        try {
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
                return new Result(-1, "timed out after " + timeout + ":\n" + Files.readString(output));
            }
            String text = Files.readString(output);
            System.out.println("$ " + String.join(" ", command) + "\n" + text);
            return new Result(process.exitValue(), text);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private interface Step {
        Result run() throws Exception;
    }

    private static void attempt(List<String> failures, String what, Step step) {
        try {
            Result result = step.run();
            if (result.exitCode() != 0) {
                failures.add(what + ": " + result.output());
            }
        } catch (Exception | AssertionError e) {
            failures.add(what + ": " + e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path :
                    paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    private record Result(int exitCode, String output) {}
}
