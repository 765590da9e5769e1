package social.faults.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.rabbitmq.client.ConnectionFactory;
import org.awaitility.Awaitility;

import social.support.testing.BrokerUsers;
import social.support.testing.ServiceJvms;
import social.support.testing.TcpProxy;
import social.support.testing.TestInfrastructure;

/**
 * The whole system under fault: every service a JVM of its own from its packaged jar, on this
 * run's database, virtual host (one broker user per service, senders checked) and messaging prefix,
 * with durable topology as in production. Each service reaches the broker and the database through
 * TCP proxies of its own, so that the network to one service can be slowed, silenced or cut.
 */
public final class FaultStack implements AutoCloseable {
    public static final List<String> SERVICES = ServiceJvms.SERVICES;
    public static final Duration RPC_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private final Path root = ServiceJvms.repositoryRoot();
    private final Path logs;
    private final boolean ownBroker;
    private final BrokerUsers brokerUsers;
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Map<String, TcpProxy> brokerProxies = new LinkedHashMap<>();
    private final Map<String, TcpProxy> databaseProxies = new LinkedHashMap<>();

    /**
     * @param ownBroker whether the broker belongs to this run alone (then it may be restarted)
     */
    public FaultStack(Path logs, boolean ownBroker) {
        this.logs = logs;
        this.ownBroker = ownBroker;
        Map<String, String> infrastructure = TestInfrastructure.start();
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.brokerUsers = BrokerUsers.create(
                "social-faults-" + TestInfrastructure.runId(), infrastructure.get("MESSAGING_PREFIX"));
        // the harness itself (its audit queue) uses the admin user on the run's virtual host
        TestInfrastructure.rabbitmqctl(
                "set_permissions", "-p", brokerUsers.vhost(), infrastructure.get("RABBIT_USER"), ".*", ".*", ".*");
        // an interrupted run (Ctrl-C, a failed check) leaves no service JVM behind
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll, "kill-fault-stack"));
        for (String service : SERVICES) {
            ports.put(service, ServiceJvms.freePort());
            brokerProxies.put(service, proxy(infrastructure.get("RABBIT_HOST"), infrastructure.get("RABBIT_PORT")));
            if (ServiceJvms.DATABASE_SCHEMAS.containsKey(service)) {
                databaseProxies.put(service, proxy(infrastructure.get("DB_HOST"), infrastructure.get("DB_PORT")));
            }
        }
    }

    private static TcpProxy proxy(String host, String port) {
        try {
            return new TcpProxy(host, Integer.parseInt(port)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean ownBroker() {
        return ownBroker;
    }

    public String prefix() {
        return brokerUsers.prefix();
    }

    public String vhost() {
        return brokerUsers.vhost();
    }

    public URI gateway() {
        return URI.create("http://127.0.0.1:" + ports.get("api-gateway"));
    }

    public Path logs() {
        return logs;
    }

    /** Starts the instances together and waits until all are healthy. */
    public void start(List<String> instances) {
        instances.forEach(this::launch);
        awaitHealthy(instances);
    }

    /** Starts the instances without waiting (a worst-order start lets clients in meanwhile). */
    public void launchAll(List<String> instances) {
        instances.forEach(this::launch);
    }

    public synchronized void launch(String instance) {
        Process running = processes.get(instance);
        if (running != null && running.isAlive()) {
            return;
        }
        String service = ServiceJvms.serviceOf(instance);
        ports.computeIfAbsent(instance, key -> ServiceJvms.freePort());
        Map<String, String> env = ServiceJvms.environment(instance, brokerUsers, RPC_TIMEOUT);
        env.put("SERVER_PORT", String.valueOf(ports.get(instance)));
        env.put("RABBIT_HOST", "127.0.0.1");
        env.put("RABBIT_PORT", String.valueOf(brokerProxies.get(service).port()));
        TcpProxy database = databaseProxies.get(service);
        if (database != null) {
            env.put("DB_HOST", "127.0.0.1");
            env.put("DB_PORT", String.valueOf(database.port()));
        }
        // durable queues and exchanges, as deployed: a stopped consumer's queue keeps its events
        env.put("SOCIAL_MESSAGING_TRANSIENTTOPOLOGY", "false");
        env.put("RATE_LIMIT_RPS", "100000");
        env.put("RATE_LIMIT_BURST", "100000");
        // every client of the harness is this one address: no cap on its requests in progress
        env.put("GATEWAY_MAX_REQUESTS_PER_ADDRESS", "100000");
        processes.put(
                instance, ServiceJvms.launch(root, instance, env, logs.resolve(instance.replace('#', '-') + ".log")));
    }

    public void awaitHealthy(List<String> instances) {
        List<String> waiting = new ArrayList<>(instances);
        Awaitility.await("healthy " + waiting)
                .atMost(STARTUP_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    waiting.removeIf(instance -> ServiceJvms.healthy(ports.get(instance)));
                    for (String instance : waiting) {
                        Process process = processes.get(instance);
                        if (process == null || !process.isAlive()) {
                            throw new IllegalStateException(instance + " exited during startup; see "
                                    + logs.resolve(instance.replace('#', '-') + ".log"));
                        }
                    }
                    return waiting.isEmpty();
                });
    }

    public boolean running(String instance) {
        Process process = processes.get(instance);
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful close of anything. */
    public void kill(String instance) {
        Process process = processes.get(instance);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM, as an operator stops an instance. */
    public void stop(String instance) {
        Process process = processes.remove(instance);
        if (process != null) {
            ServiceJvms.stop(process, Duration.ofSeconds(30));
        }
    }

    /** SIGSTOP ({@code true}) or SIGCONT: a JVM frozen mid-flight, as a long GC pause or a stalled VM. */
    public void pause(String instance, boolean paused) {
        Process process = processes.get(instance);
        if (process == null) {
            return;
        }
        signal(process, paused ? "-STOP" : "-CONT");
    }

    /** The broker closes every connection of this run's virtual host, as on a network partition or a restart. */
    public void closeBrokerConnections() {
        TestInfrastructure.rabbitmqctl("close_all_connections", "--vhost", vhost(), "fault injection");
    }

    /** RabbitMQ's firehose for the run's virtual host: a copy of every publication to {@code amq.rabbitmq.trace}. */
    public void traceEvents() {
        TestInfrastructure.rabbitmqctl("trace_on", "-p", vhost());
    }

    /** Stops the broker's application (every connection gone, nothing accepted) or starts it again. */
    public void brokerApplication(boolean running) {
        if (!ownBroker) {
            throw new IllegalStateException("the broker is not this run's own: it is never restarted");
        }
        TestInfrastructure.rabbitmqctl(running ? "start_app" : "stop_app");
        if (running) {
            traceEvents(); // the firehose is off after a restart
        }
    }

    /** Terminates every session of the services on this run's database (Postgres restarted or failed over). */
    public int terminateDatabaseSessions() {
        try (Connection connection = TestInfrastructure.adminConnection("public");
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND usename <> current_user")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the database sessions", e);
        }
    }

    /** While on, the database refuses every connection of every service and drops the open ones. */
    public void refuseDatabase(boolean refusing) {
        databaseProxies.values().forEach(proxy -> {
            try {
                if (refusing) {
                    proxy.cut();
                } else {
                    proxy.start();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Latency on every byte between one service and both the broker and the database. */
    public void delay(String service, Duration delay) {
        brokerProxies.get(service).delay(delay);
        TcpProxy database = databaseProxies.get(service);
        if (database != null) {
            database.delay(delay);
        }
    }

    /** Silence (no bytes either way, nothing closed) between one service and the broker and database. */
    public void blackhole(String service, boolean on) {
        List<TcpProxy> proxies = new ArrayList<>(List.of(brokerProxies.get(service)));
        if (databaseProxies.containsKey(service)) {
            proxies.add(databaseProxies.get(service));
        }
        proxies.forEach(on ? TcpProxy::pause : TcpProxy::resume);
    }

    /** A connection to the run's virtual host as the broker's admin: the harness's own audit queue. */
    public ConnectionFactory adminBrokerConnection() {
        Map<String, String> infrastructure = TestInfrastructure.start();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(infrastructure.get("RABBIT_HOST"));
        factory.setPort(Integer.parseInt(infrastructure.get("RABBIT_PORT")));
        factory.setVirtualHost(vhost());
        factory.setUsername(infrastructure.get("RABBIT_USER"));
        factory.setPassword(infrastructure.get("RABBIT_PASSWORD"));
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(500);
        return factory;
    }

    public Connection adminDatabaseConnection(String schema) throws SQLException {
        return TestInfrastructure.adminConnection(schema);
    }

    public String rabbitmqctl(String... args) {
        return TestInfrastructure.rabbitmqctl(args);
    }

    /** Every instance ever started here (killed ones too), for a last check that none is left. */
    public List<String> instances() {
        return List.copyOf(processes.keySet());
    }

    @Override
    public void close() {
        blackholeOff();
        processes.values().forEach(process -> signal(process, "-CONT"));
        processes.values().forEach(Process::destroy);
        processes.values().forEach(process -> ServiceJvms.stop(process, Duration.ofSeconds(20)));
        for (TcpProxy proxy : brokerProxies.values()) {
            closeQuietly(proxy);
        }
        for (TcpProxy proxy : databaseProxies.values()) {
            closeQuietly(proxy);
        }
        brokerUsers.close();
    }

    private void killAll() {
        processes.values().forEach(process -> {
            signal(process, "-CONT");
            process.destroyForcibly();
        });
    }

    private void blackholeOff() {
        brokerProxies.values().forEach(TcpProxy::resume);
        databaseProxies.values().forEach(TcpProxy::resume);
    }

    private static void signal(Process process, String signal) {
        try {
            new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                    .start()
                    .waitFor();
        } catch (IOException e) {
            // gone already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(TcpProxy proxy) {
        try {
            proxy.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
