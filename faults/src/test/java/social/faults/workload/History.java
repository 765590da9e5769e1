package social.faults.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * Everything the clients did and saw, in order: each attempt's invoke and its outcome, {@code ok}
 * (a definite success), {@code fail} (a definite refusal: nothing happened) or {@code unknown} (a 5xx
 * or a broken connection: it may or may not have happened). The nemesis's faults are in it too.
 */
public final class History {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final long start = System.nanoTime();
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param process who: a client's username, or {@code nemesis}
     * @param key     what the operation is about (a post's idempotency key, the liked post, ...)
     */
    public record Entry(long atMillis, String process, String type, String op, String key, int status, String detail) {}

    public synchronized void add(String process, String type, String op, String key, int status, String detail) {
        entries.add(new Entry((System.nanoTime() - start) / 1_000_000, process, type, op, key, status, detail));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** How many outcomes of each type ({@code ok}, {@code fail}, {@code unknown}, {@code fault}). */
    public synchronized Map<String, Integer> outcomes() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Entry entry : entries) {
            if (!entry.type().equals("invoke")) {
                counts.merge(entry.type(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The responses by HTTP status (0: no response, the connection broke or timed out). */
    public synchronized Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Entry entry : entries) {
            if (!entry.type().equals("invoke") && !entry.process().equals("nemesis")) {
                counts.merge(entry.status(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Operations invoked by clients (each attempt counts). */
    public synchronized long operations() {
        return entries.stream().filter(entry -> entry.type().equals("invoke")).count();
    }

    public synchronized void write(Path file) {
        try (Writer out = Files.newBufferedWriter(file)) {
            for (Entry entry : entries) {
                out.write(JSON.writeValueAsString(entry));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
