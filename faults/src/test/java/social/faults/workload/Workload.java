package social.faults.workload;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import social.faults.workload.Expected.Tri;

/**
 * The clients: each a thread and a user of its own, signing up (retrying through whatever faults
 * there are), then acting until told to stop; then each finishes its operation in flight, retrying
 * until a definite answer or the grace period ends.
 */
public final class Workload {
    private final History history;
    private final Client.Shared shared = new Client.Shared();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    public Workload(URI gateway, History history, int clients, long seed) {
        this.history = history;
        Api api = new Api(gateway);
        String run = Long.toString(Math.abs(seed) % 100_000, 36);
        for (int i = 0; i < clients; i++) {
            shared.clients.add(new Client(api, history, shared, "f" + run + "_c" + i, seed + i));
        }
    }

    public void start() {
        for (Client client : shared.clients) {
            Thread thread = new Thread(() -> run(client), "client-" + client.username);
            thread.start();
            threads.add(thread);
        }
    }

    private void run(Client client) {
        if (!client.signUp()) {
            return;
        }
        while (running.get()) {
            client.step();
        }
    }

    /** Stops starting new operations; those in flight get {@code grace} to reach a definite answer. */
    public void stop(Duration grace) throws InterruptedException {
        shared.deadlineNanos = System.nanoTime() + grace.toNanos();
        running.set(false);
        for (Thread thread : threads) {
            thread.join(grace.plusSeconds(30).toMillis());
        }
    }

    /** How many clients are signed up and acting. */
    public long active() {
        return shared.clients.stream().filter(client -> client.id != null).count();
    }

    public History history() {
        return history;
    }

    public Expected expected() {
        List<Expected.Post> posts = new ArrayList<>();
        List<Expected.Like> likes = new ArrayList<>();
        List<Expected.Follow> follows = new ArrayList<>();
        Map<UUID, Tri> leavers = new LinkedHashMap<>();
        for (Client client : shared.clients) {
            if (client.id != null) {
                client.addTo(posts, likes, follows, leavers);
            }
        }
        synchronized (shared) {
            return new Expected(
                    new LinkedHashMap<>(shared.registered),
                    new LinkedHashSet<>(shared.attemptedUsernames),
                    posts,
                    likes,
                    follows,
                    leavers);
        }
    }
}
