package social.support.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' real Postgres and RabbitMQ come from: {@code TEST_DB_*} / {@code TEST_RABBIT_*}
 * env vars if set; else the local servers on their standard ports if reachable; else Testcontainers
 * when a Docker engine is available; else a failure that says how to provide them. Never a skip.
 *
 * <p>Each JVM isolates itself: its own database (dropped at exit) and its own messaging prefix
 * (queues expire and exchanges auto-delete once unused), published as system properties that the
 * services' configuration reads ({@code DB_*}, {@code RABBIT_*}, {@code MESSAGING_PREFIX}). The
 * database credentials given are the admin's; services connect as their own {@link
 * #databaseRole(String) role} (see {@link TestDatabaseRoles}).
 */
public final class TestInfrastructure {
    private static final int MANAGEMENT_PORT = 15672;
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static Map<String, String> properties;
    /** The superuser (or whoever may create databases and roles): never handed to a service. */
    private static DatabaseAdmin databaseAdmin;
    /** The broker started here, if Testcontainers provided it: broker users are created inside it. */
    private static RabbitMQContainer rabbitContainer;

    private TestInfrastructure() {}

    /** Resolves the servers and creates this run's database, once per JVM; returns the properties set. */
    public static synchronized Map<String, String> start() {
        if (properties == null) {
            Map<String, String> resolved = new LinkedHashMap<>();
            Map<String, String> postgres = postgres();
            resolved.put("DB_HOST", postgres.get("DB_HOST"));
            resolved.put("DB_PORT", postgres.get("DB_PORT"));
            resolved.putAll(rabbit());
            resolved.put("DB_NAME", "social_test_" + RUN_ID);
            resolved.put("MESSAGING_PREFIX", "test-" + RUN_ID + ".");
            resolved.put("social.messaging.transient-topology", "true");
            databaseAdmin = new DatabaseAdmin(resolved, postgres.get("DB_USER"), postgres.get("DB_PASSWORD"), RUN_ID);
            databaseAdmin.createDatabase();
            resolved.putAll(sharedBrokerUser());
            resolved.forEach(System::setProperty);
            properties = Map.copyOf(resolved);
        }
        return properties;
    }

    static synchronized boolean started() {
        return properties != null;
    }

    public static String runId() {
        return RUN_ID;
    }

    /** A JDBC URL of this run's database, for tests that look at tables directly. */
    public static String jdbcUrl(String schema) {
        Map<String, String> p = start();
        return "jdbc:postgresql://" + p.get("DB_HOST") + ":" + p.get("DB_PORT") + "/" + p.get("DB_NAME")
                + "?currentSchema=" + schema;
    }

    /**
     * The login role of the service owning {@code schema} in this run's database (created with the
     * schema on first use, dropped at exit): a service connects as it, never as the admin.
     */
    public static DatabaseRole databaseRole(String schema) {
        start();
        return databaseAdmin.serviceRole(schema);
    }

    /** A connection as the role owning {@code schema}: what that service may do, and no more (attack tests). */
    public static Connection roleConnection(String schema) throws SQLException {
        DatabaseRole role = databaseRole(schema);
        return DriverManager.getConnection(jdbcUrl(schema), role.user(), role.password());
    }

    /** A connection as the admin, for tests that look behind a service's back (stolen-key tests). */
    public static Connection adminConnection(String schema) throws SQLException {
        start();
        return databaseAdmin.connect(schema);
    }

    /**
     * Broker identity: a test JVM's service, its {@code RpcCalls} and its {@code EventProbe} all
     * connect as the one broker user the test servers provide, so {@code user_id} cannot tell them
     * apart and receivers do not check it here. {@code BrokerIdentityIT} checks senders with a vhost
     * and a broker user per party of its own.
     */
    private static Map<String, String> sharedBrokerUser() {
        return Map.of("social.messaging.verify-senders", "false");
    }

    private static Map<String, String> postgres() {
        String host = System.getenv("TEST_DB_HOST");
        if (host != null) {
            return Map.of(
                    "DB_HOST",
                    host,
                    "DB_PORT",
                    env("TEST_DB_PORT", "5432"),
                    "DB_USER",
                    env("TEST_DB_USER", "postgres"),
                    "DB_PASSWORD",
                    env("TEST_DB_PASSWORD", ""));
        }
        if (reachable("127.0.0.1", 5432)) {
            return Map.of("DB_HOST", "127.0.0.1", "DB_PORT", "5432", "DB_USER", "postgres", "DB_PASSWORD", "");
        }
        requireDocker("PostgreSQL", "TEST_DB_HOST, TEST_DB_PORT, TEST_DB_USER, TEST_DB_PASSWORD", 5432);
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
        container.start();
        return Map.of(
                "DB_HOST",
                container.getHost(),
                "DB_PORT",
                String.valueOf(container.getMappedPort(5432)),
                "DB_USER",
                container.getUsername(),
                "DB_PASSWORD",
                container.getPassword());
    }

    private static Map<String, String> rabbit() {
        String host = System.getenv("TEST_RABBIT_HOST");
        if (host != null) {
            return Map.of(
                    "RABBIT_HOST",
                    host,
                    "RABBIT_PORT",
                    env("TEST_RABBIT_PORT", "5672"),
                    "RABBIT_USER",
                    env("TEST_RABBIT_USER", "guest"),
                    "RABBIT_PASSWORD",
                    env("TEST_RABBIT_PASSWORD", "guest"));
        }
        if (reachable("127.0.0.1", 5672)) {
            return Map.of(
                    "RABBIT_HOST",
                    "127.0.0.1",
                    "RABBIT_PORT",
                    "5672",
                    "RABBIT_USER",
                    "guest",
                    "RABBIT_PASSWORD",
                    "guest");
        }
        requireDocker("RabbitMQ", "TEST_RABBIT_HOST, TEST_RABBIT_PORT, TEST_RABBIT_USER, TEST_RABBIT_PASSWORD", 5672);
        RabbitMQContainer container = new RabbitMQContainer("rabbitmq:3.13-management-alpine");
        container.start();
        rabbitContainer = container;
        return Map.of(
                "RABBIT_HOST",
                container.getHost(),
                "RABBIT_PORT",
                String.valueOf(container.getAmqpPort()),
                "RABBIT_USER",
                container.getAdminUsername(),
                "RABBIT_PASSWORD",
                container.getAdminPassword());
    }

    private static void requireDocker(String server, String envVars, int port) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            throw new IllegalStateException("The tests need a real " + server + ": set " + envVars
                    + ", or run one on 127.0.0.1:" + port + ", or make a Docker engine available for Testcontainers.");
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    // ---------------------------------------------------------------- broker identity

    /**
     * Runs {@code rabbitmqctl} with the broker's admin rights (the only use of them: creating and
     * deleting a test's virtual host and broker users): inside the Testcontainers broker if one was
     * started, else the command in {@code TEST_RABBITMQCTL} (e.g. {@code docker exec rabbit rabbitmqctl},
     * for env-provided servers), else the local {@code rabbitmqctl}.
     *
     * @return its standard output
     */
    public static String rabbitmqctl(String... args) {
        start();
        try {
            if (rabbitContainer != null) {
                List<String> command = new ArrayList<>(List.of("rabbitmqctl"));
                command.addAll(List.of(args));
                var result = rabbitContainer.execInContainer(command.toArray(String[]::new));
                return checked(args[0], result.getExitCode(), result.getStdout() + result.getStderr());
            }
            List<String> command = new ArrayList<>(
                    List.of(env("TEST_RABBITMQCTL", "rabbitmqctl").split(" ")));
            command.addAll(List.of(args));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return checked(args[0], process.waitFor(), output);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run rabbitmqctl (set TEST_RABBITMQCTL to a command that"
                            + " runs it against the test broker): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running rabbitmqctl", e);
        }
    }

    /**
     * The base URL of the broker's management HTTP API (what its UI calls): the Testcontainers broker's,
     * else {@code TEST_RABBIT_MANAGEMENT_URL}, else the local broker's on port 15672, whose management
     * plugin is enabled here ({@code rabbitmq-plugins}, or the command in {@code TEST_RABBITMQ_PLUGINS})
     * when nothing listens there yet: as {@code scripts/run-local.sh} does.
     */
    public static synchronized String managementUrl() {
        Map<String, String> infrastructure = start();
        if (rabbitContainer != null) {
            return rabbitContainer.getHttpUrl();
        }
        String configured = System.getenv("TEST_RABBIT_MANAGEMENT_URL");
        if (configured != null) {
            return configured;
        }
        String host = infrastructure.get("RABBIT_HOST");
        if (!reachable(host, MANAGEMENT_PORT)) {
            List<String> command = new ArrayList<>(
                    List.of(env("TEST_RABBITMQ_PLUGINS", "rabbitmq-plugins").split(" ")));
            command.addAll(List.of("enable", "rabbitmq_management"));
            try {
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                checked("(rabbitmq-plugins) enable", process.waitFor(), output);
            } catch (IOException e) {
                throw new IllegalStateException("cannot run rabbitmq-plugins (set TEST_RABBITMQ_PLUGINS, or"
                        + " TEST_RABBIT_MANAGEMENT_URL to the management API of the test broker): " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while enabling the management plugin", e);
            }
            Awaitility.await("the management plugin listening on " + host + ":" + MANAGEMENT_PORT)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> reachable(host, MANAGEMENT_PORT));
        }
        return "http://" + host + ":" + MANAGEMENT_PORT;
    }

    private static String checked(String subcommand, int exitCode, String output) {
        if (exitCode != 0) {
            // names only the subcommand: never echo a password given on the command line
            throw new IllegalStateException("rabbitmqctl " + subcommand + " failed (" + exitCode + "): " + output);
        }
        return output;
    }
}
