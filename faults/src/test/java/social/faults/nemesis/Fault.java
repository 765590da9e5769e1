package social.faults.nemesis;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import social.faults.stack.FaultStack;

/**
 * The kinds of fault. A runtime fault is injected at the start of a faulty period and healed at its
 * end; the two start-up kinds shape how the stack comes up instead.
 */
public enum Fault {
    /** SIGKILL of a service JVM (any, the gateway too), restarted when the period ends. */
    KILL("kill"),
    /** SIGSTOP of a service JVM, SIGCONT when the period ends: a long GC pause, a stalled VM. */
    PAUSE("pause"),
    /** The broker closes every connection of the run's virtual host. */
    BROKER_CONNECTIONS("broker-connections"),
    /** The broker's application stops and starts again (only when the broker is the run's own). */
    BROKER_RESTART("broker-restart"),
    /** Every Postgres session of the services is terminated. */
    DB_SESSIONS("db-sessions"),
    /** The database refuses every connection (and drops the open ones) for the period. */
    DB_REFUSE("db-refuse"),
    /** 300 ms on every chunk of bytes between one service and the broker and the database. */
    LATENCY("latency"),
    /** Silence between one service and the broker and database: connections stay open, nothing passes. */
    BLACKHOLE("blackhole"),
    /** A second instance of a service (competing and single-active consumers), killed at the end. */
    SECOND_INSTANCE("second-instance"),
    /** Start-up: two auth-services cold-start together on the empty key table (and both keep running). */
    AUTH_COLD_START("auth-cold-start"),
    /** Start-up: the services start in the worst order on the fresh virtual host, consumers last, under load. */
    TOPOLOGY("topology");

    private final String cliName;

    Fault(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public boolean atStartUp() {
        return this == AUTH_COLD_START || this == TOPOLOGY;
    }

    public static Fault named(String name) {
        return Arrays.stream(values())
                .filter(fault -> fault.cliName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fault named " + name + "; known: "
                        + Arrays.stream(values()).map(Fault::cliName).toList()));
    }

    /** What {@link #inject} did, and how to undo it. */
    public record Injection(String description, Runnable heal) {}

    /** Injects this fault into the stack; the injection heals it. */
    public Injection inject(FaultStack stack, Random random) {
        List<String> services = FaultStack.SERVICES;
        String service = services.get(random.nextInt(services.size()));
        switch (this) {
            case KILL -> {
                stack.kill(service);
                return new Injection("kill -9 " + service, () -> stack.start(List.of(service)));
            }
            case PAUSE -> {
                stack.pause(service, true);
                return new Injection("SIGSTOP " + service, () -> stack.pause(service, false));
            }
            case BROKER_CONNECTIONS -> {
                stack.closeBrokerConnections();
                return new Injection("broker closed all connections", () -> {});
            }
            case BROKER_RESTART -> {
                stack.brokerApplication(false);
                return new Injection("broker stop_app", () -> stack.brokerApplication(true));
            }
            case DB_SESSIONS -> {
                int sessions = stack.terminateDatabaseSessions();
                return new Injection("terminated " + sessions + " database sessions", () -> {});
            }
            case DB_REFUSE -> {
                stack.refuseDatabase(true);
                return new Injection("database refuses connections", () -> stack.refuseDatabase(false));
            }
            case LATENCY -> {
                stack.delay(service, Duration.ofMillis(300));
                return new Injection("300 ms latency to " + service, () -> stack.delay(service, Duration.ZERO));
            }
            case BLACKHOLE -> {
                stack.blackhole(service, true);
                return new Injection("blackhole to " + service, () -> stack.blackhole(service, false));
            }
            case SECOND_INSTANCE -> {
                String backend = services.get(random.nextInt(services.size() - 1)); // not the gateway
                String second = backend + "#2";
                stack.start(List.of(second));
                return new Injection("second instance of " + backend, () -> stack.kill(second));
            }
            default -> throw new IllegalStateException(this + " is a start-up fault");
        }
    }
}
