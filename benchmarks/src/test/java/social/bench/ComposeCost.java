package social.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Does a new post cost the same at the request whatever the author's audience? Two authors of
 * its own, {@code bench_wide} followed by every seeded user and {@code bench_narrow} followed by 10,
 * all with {@code notify} on (the costliest follow: each post becomes a NEW_POST notification for
 * every follower, which notification-service fans out after the request has been answered). Then
 * posts alternate between the two at a fixed pace, one at a time, and the report compares their
 * latencies.
 *
 * <pre>
 *   ComposeCost &lt;baseUrl&gt; &lt;data dir (users.csv)&gt; &lt;out dir&gt;   -Dposts=200 per author, -Dpace=4 posts/s
 * </pre>
 *
 * Safe to repeat: the authors are registered once (409 then a login), follows are idempotent.
 */
public final class ComposeCost {
    static final int POSTS = Integer.getInteger("posts", 200);
    static final double PACE = Double.parseDouble(System.getProperty("pace", "4"));
    static final int NARROW = 10;

    record Author(String name, String id, String token) {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ComposeCost <baseUrl> <data dir> <out dir>");
            System.exit(2);
        }
        Http http = new Http(args[0]);
        Path data = Path.of(args[1]);
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        List<String> lines = Files.readAllLines(data.resolve("users.csv"));
        List<String[]> users = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            users.add(line.split(","));
        }
        Author wide = author(http, "bench_wide");
        Author narrow = author(http, "bench_narrow");
        follow(http, users, wide, users.size());
        follow(http, users, narrow, NARROW);
        System.out.printf(
                "authors: %s (%d followers), %s (%d followers), every follow with notify on%n",
                wide.name(), followers(http, wide), narrow.name(), followers(http, narrow));

        long[] wideNanos = new long[POSTS];
        long[] narrowNanos = new long[POSTS];
        int errors = 0;
        long interval = Math.round(1e9 / PACE);
        long next = System.nanoTime();
        Random r = new Random(Seeder.SEED);
        for (int i = 0; i < 2 * POSTS; i++) {
            Author a = i % 2 == 0 ? wide : narrow;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            long t0 = System.nanoTime();
            Http.Response resp = http.post("/api/posts", a.token(), Map.of("content", Seeder.content(r, List.of())));
            long took = System.nanoTime() - t0;
            if (resp.status() != 201) {
                errors++;
            }
            (a == wide ? wideNanos : narrowNanos)[i / 2] = took;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("postsPerAuthor", POSTS);
        result.put("pacePerSecond", PACE);
        result.put("errors", errors);
        Map<String, Object> w = summary(wideNanos, followers(http, wide));
        Map<String, Object> n = summary(narrowNanos, followers(http, narrow));
        result.put("wide", w);
        result.put("narrow", n);
        double ratio = (Double) w.get("p50Ms") / (Double) n.get("p50Ms");
        result.put("p50RatioWideToNarrow", Math.round(ratio * 100) / 100.0);
        Http.JSON
                .writerWithDefaultPrettyPrinter()
                .writeValue(out.resolve("results.json").toFile(), result);
        String md = String.format(
                Locale.ROOT,
                "# Compose cost by audience%n%n%d posts per author, alternating, %.0f posts/s, one at a time; "
                        + "every follow with notify on.%n%n| author | followers | p50 ms | p90 ms | p99 ms | max ms |%n"
                        + "|---|---:|---:|---:|---:|---:|%n%s%s%nwide / narrow at p50: %.2f; errors: %d%n",
                POSTS,
                PACE,
                row("bench_wide", w),
                row("bench_narrow", n),
                ratio,
                errors);
        Files.writeString(out.resolve("report.md"), md);
        System.out.print(md);
    }

    private static Author author(Http http, String name) {
        String password = Seeder.password(name);
        Http.Response reg = http.post(
                "/api/auth/register",
                null,
                Map.of("username", name, "email", name + "@bench.local", "password", password));
        if (reg.status() != 201 && reg.status() != 409) {
            throw new IllegalStateException("register " + name + ": " + reg.status() + " " + reg.body());
        }
        Http.Response login = http.post("/api/auth/login", null, Map.of("username", name, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("login " + name + ": " + login.status() + " " + login.body());
        }
        String token = login.json().get("accessToken").asText();
        String id = http.get("/api/users/me", token).json().get("id").asText();
        return new Author(name, id, token);
    }

    /** The first {@code count} seeded users follow the author, with notify on (idempotent). */
    private static void follow(Http http, List<String[]> users, Author author, int count) {
        users.subList(0, Math.min(count, users.size())).parallelStream().forEach(u -> {
            Http.Response r = http.post("/api/users/" + author.id() + "/follow", u[3], Map.of("notify", true));
            if (r.status() != 200) {
                throw new IllegalStateException("follow " + author.name() + ": " + r.status() + " " + r.body());
            }
        });
    }

    private static int followers(Http http, Author author) {
        JsonNode u = http.get("/api/users/" + author.id(), author.token()).json();
        return u.path("followersCount").asInt();
    }

    private static Map<String, Object> summary(long[] nanos, int followers) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("followers", followers);
        s.put("p50Ms", ms(sorted, 0.50));
        s.put("p90Ms", ms(sorted, 0.90));
        s.put("p99Ms", ms(sorted, 0.99));
        s.put("maxMs", sorted[sorted.length - 1] / 1e6);
        return s;
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return Math.round(sorted[Math.max(0, i)] / 1e4) / 100.0;
    }

    private static String row(String name, Map<String, Object> s) {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f | %.1f |%n",
                name,
                (Integer) s.get("followers"),
                (Double) s.get("p50Ms"),
                (Double) s.get("p90Ms"),
                (Double) s.get("p99Ms"),
                (Double) s.get("maxMs"));
    }
}
