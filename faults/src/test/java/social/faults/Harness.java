package social.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.json.JsonMapper;

import social.faults.check.Checker;
import social.faults.check.EventAudit;
import social.faults.check.Observation;
import social.faults.check.Observations;
import social.faults.check.Verdict;
import social.faults.nemesis.Fault;
import social.faults.nemesis.Nemesis;
import social.faults.stack.FaultStack;
import social.faults.workload.Expected;
import social.faults.workload.History;
import social.faults.workload.Workload;

/**
 * One run: the stack up (in the worst order if asked), the clients acting, the nemesis cycling
 * faults, then healing, the clients' last operations settled, quiescence (outboxes empty, queues
 * drained) and the checker's verdict, written with the history as JSON.
 */
public final class Harness {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(60);
    private static final Duration QUIESCENCE_TIMEOUT = Duration.ofMinutes(3);

    /**
     * @param topologyDelay how long the consumers start after the rest in a worst-order start-up
     */
    public record Options(
            List<Fault> faults,
            Duration duration,
            Duration faulty,
            Duration healthy,
            int clients,
            long seed,
            boolean ownBroker,
            Duration topologyDelay,
            Path out) {}

    /** What a run found and did. */
    public record Result(Verdict verdict, History history, int faultsInjected, Duration took, boolean quiescent) {}

    private Harness() {}

    public static Result run(Options options) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(options.out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        History history = new History();
        List<Fault> runtimeFaults = options.faults().stream()
                .filter(fault -> !fault.atStartUp())
                .filter(fault -> fault != Fault.BROKER_RESTART || options.ownBroker())
                .toList();
        try (FaultStack stack = new FaultStack(options.out().resolve("logs"), options.ownBroker())) {
            Workload workload = new Workload(stack.gateway(), history, options.clients(), options.seed());
            EventAudit audit;
            List<String> firstWave = new ArrayList<>(FaultStack.SERVICES);
            if (options.faults().contains(Fault.AUTH_COLD_START)) {
                firstWave.add(0, "auth-service#2");
            }
            if (options.faults().contains(Fault.TOPOLOGY)) {
                // the gateway and the producers first, taking load; the consumers of their events last
                List<String> consumers = List.of("user-service", "notification-service");
                firstWave.removeAll(consumers);
                firstWave.remove("api-gateway");
                firstWave.add(0, "api-gateway");
                stack.start(firstWave);
                audit = new EventAudit(stack);
                workload.start();
                hold(options.topologyDelay());
                history.add("nemesis", "fault", "topology", "consumers start: " + consumers, 0, "start");
                stack.start(consumers);
            } else {
                stack.start(firstWave);
                audit = new EventAudit(stack);
                workload.start();
            }
            Nemesis nemesis = new Nemesis(stack, history, options.seed());
            nemesis.run(runtimeFaults, options.duration(), options.faulty(), options.healthy());
            workload.stop(CLIENT_GRACE);
            Observations observations = new Observations(stack);
            boolean quiescent = awaitQuiescence(observations, audit);
            Expected expected = workload.expected();
            Observation observed = observations.read(audit, expected.leavers().keySet());
            Verdict verdict = Checker.judge(expected, observed, history);
            audit.close();
            Result result = new Result(
                    verdict,
                    history,
                    nemesis.injected()
                            + (int) options.faults().stream()
                                    .filter(Fault::atStartUp)
                                    .count(),
                    Duration.ofNanos(System.nanoTime() - started),
                    quiescent);
            write(options, result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Outboxes empty and every queue but the dead letters drained, twice in a row a second apart. */
    private static boolean awaitQuiescence(Observations observations, EventAudit audit) {
        int[] calm = new int[1];
        try {
            Awaitility.await("quiescence: outboxes empty, queues drained")
                    .atMost(QUIESCENCE_TIMEOUT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        boolean quiet =
                                observations.outboxes().values().stream().allMatch(count -> count == 0)
                                        && observations.queueDepths().entrySet().stream()
                                                .filter(queue -> !queue.getKey().endsWith(".dlq"))
                                                .allMatch(queue -> queue.getValue() == 0);
                        calm[0] = quiet ? calm[0] + 1 : 0;
                        return calm[0] >= 2;
                    });
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private static void write(Options options, Result result) {
        result.history().write(options.out().resolve("history.jsonl"));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("faults", options.faults().stream().map(Fault::cliName).toList());
        run.put("faultsInjected", result.faultsInjected());
        run.put("seconds", result.took().toSeconds());
        run.put("clients", options.clients());
        run.put("seed", options.seed());
        run.put("operations", result.history().operations());
        run.put("outcomes", result.history().outcomes());
        run.put("statuses", result.history().statuses());
        run.put("quiescent", result.quiescent());
        Map<String, Object> verdict = new LinkedHashMap<>(result.verdict().summary());
        verdict.put("run", run);
        verdict.put("checks", result.verdict().checks());
        try {
            Files.writeString(options.out().resolve("verdict.json"), JSON.writeValueAsString(verdict));
            Files.writeString(options.out().resolve("verdict.txt"), report(result));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict table with the run's facts. */
    public static String report(Result result) {
        return String.format(
                "%d operations (%s), statuses %s, %d faults in %d s, quiescent: %s%n%s",
                result.history().operations(),
                result.history().outcomes(),
                result.history().statuses(),
                result.faultsInjected(),
                result.took().toSeconds(),
                result.quiescent(),
                result.verdict().table());
    }

    private static void hold(Duration period) {
        // the start-up schedule: consumers come later on purpose
        java.util.concurrent.locks.LockSupport.parkNanos(period.toNanos());
    }
}
