package social.faults.nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import social.faults.stack.FaultStack;
import social.faults.workload.History;

/**
 * Cycles healthy and faulty periods: injects one fault, keeps it for the faulty period, heals it,
 * lets the system run healthy, then the next fault (in turn) until the duration is spent; every
 * fault at least once.
 */
public final class Nemesis {
    private final FaultStack stack;
    private final History history;
    private final Random random;
    private int injected;

    public Nemesis(FaultStack stack, History history, long seed) {
        this.stack = stack;
        this.history = history;
        this.random = new Random(seed);
    }

    public void run(List<Fault> faults, Duration duration, Duration faulty, Duration healthy) {
        long end = System.nanoTime() + duration.toNanos();
        int round = 0;
        while (!faults.isEmpty() && (round < faults.size() || System.nanoTime() < end)) {
            Fault fault = faults.get(round % faults.size());
            round++;
            Fault.Injection injection = fault.inject(stack, random);
            injected++;
            history.add("nemesis", "fault", fault.cliName(), injection.description(), 0, "start");
            hold(faulty);
            injection.heal().run();
            history.add("nemesis", "fault", fault.cliName(), injection.description(), 0, "healed");
            hold(healthy);
        }
    }

    public int injected() {
        return injected;
    }

    private static void hold(Duration period) {
        // the nemesis's schedule: a period of fault or of health, not a wait for a result
        LockSupport.parkNanos(period.toNanos());
    }
}
