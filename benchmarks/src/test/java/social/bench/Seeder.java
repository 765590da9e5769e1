package social.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Seeds socfb-Reed98 through the public API and logs the users in for the simulation.
 *
 * <pre>
 *   Seeder seed  &lt;baseUrl&gt; &lt;edges file&gt; &lt;data dir&gt;   register user_0..user_961, the follows (each edge
 *                                                  a&lt;-&gt;b as two follows) and 0-20 posts per user
 *   Seeder login &lt;baseUrl&gt; &lt;edges file&gt; &lt;data dir&gt;   fresh access tokens (refresh, else log in) into
 *                                                  users.csv; sample post ids and response sizes
 * </pre>
 *
 * Deterministic (fixed seed), and safe to repeat: registration answers 409 for an existing user,
 * follows are idempotent, and each post carries an Idempotency-Key derived from (user, index).
 */
public final class Seeder {
    static final long SEED = 20260521L;
    static final int THREADS = Integer.getInteger("seed.threads", 24);
    /** --scale: every user writes this many times the posts (the same first ones at any scale). */
    static final int SCALE = Integer.getInteger("seed.scale", 1);

    final Http http;
    final Graph graph;
    final Path dataDir;

    Seeder(String baseUrl, Path edges, Path dataDir) throws IOException {
        this.http = new Http(baseUrl);
        this.graph = Graph.load(edges);
        this.dataDir = dataDir;
        Files.createDirectories(dataDir);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: Seeder seed|login <baseUrl> <edges file> <data dir>");
            System.exit(2);
        }
        Seeder seeder = new Seeder(args[1], Path.of(args[2]), Path.of(args[3]));
        switch (args[0]) {
            case "seed" -> seeder.seed();
            case "login" -> seeder.login();
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    // ------------------------------------------------------------------ the graph and the posts

    record Graph(int users, List<int[]> edges, List<List<Integer>> friends) {
        static Graph load(Path file) throws IOException {
            TreeSet<Long> seen = new TreeSet<>();
            List<int[]> edges = new ArrayList<>();
            int max = -1;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line = line.trim();
                if (line.isEmpty() || line.startsWith("%") || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("[\\s,]+");
                int a = Integer.parseInt(p[0]);
                int b = Integer.parseInt(p[1]);
                if (a == b) {
                    continue;
                }
                long key = (long) Math.min(a, b) << 32 | Math.max(a, b);
                if (seen.add(key)) {
                    edges.add(new int[] {a, b});
                }
                max = Math.max(max, Math.max(a, b));
            }
            List<List<Integer>> friends = new ArrayList<>();
            for (int i = 0; i <= max; i++) {
                friends.add(new ArrayList<>());
            }
            for (int[] e : edges) {
                friends.get(e[0]).add(e[1]);
                friends.get(e[1]).add(e[0]);
            }
            return new Graph(max + 1, edges, friends);
        }
    }

    static String username(int i) {
        return "user_" + i;
    }

    static String password(String username) {
        return "bench-" + username + "-pw";
    }

    private static final String[] WORDS =
            ("the a of to and in is it you that he was for on are with as his they be at one have "
                            + "this from or had by hot word but what some we can out other were all there when up use your how said an each she "
                            + "which do their time if will way about many then them write would like so these her long make thing see him two has "
                            + "look more day could go come did number sound no most people my over know water than call first who may down side "
                            + "been now find coffee campus library thesis reed portland rain bike music game party exam")
                    .split(" ");

    /** User i's posts: 0-20 (10 on average) times SCALE, about a quarter mention one or two friends. */
    static List<String> postsOf(Graph g, int i) {
        Random r = new Random(SEED * 31 + i);
        int n = r.nextInt(21) * SCALE;
        List<String> posts = new ArrayList<>(n);
        List<Integer> friends = g.friends().get(i);
        for (int k = 0; k < n; k++) {
            posts.add(content(r, friends));
        }
        return posts;
    }

    static String content(Random r, List<Integer> friends) {
        StringBuilder s = new StringBuilder();
        int words = 6 + r.nextInt(30);
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                s.append(' ');
            }
            s.append(WORDS[r.nextInt(WORDS.length)]);
        }
        if (!friends.isEmpty() && r.nextInt(4) == 0) {
            int mentions = 1 + r.nextInt(2);
            for (int m = 0; m < mentions; m++) {
                s.append(" @").append(username(friends.get(r.nextInt(friends.size()))));
            }
        }
        return s.length() > 280 ? s.substring(0, 280).trim() : s.toString();
    }

    // ------------------------------------------------------------------ seed

    void seed() throws Exception {
        long t0 = System.nanoTime();
        int n = graph.users();
        System.out.printf(
                "graph: %d users, %d edges (%d follows)%n",
                n, graph.edges().size(), 2 * graph.edges().size());
        if (seededBefore()) {
            System.out.println("already seeded (sampled users have all their follows and posts): nothing to do");
            return;
        }

        String[] ids = new String[n];
        String[] tokens = new String[n];
        String[] refreshTokens = new String[n];
        AtomicInteger created = new AtomicInteger();
        parallel(n, i -> {
            String u = username(i);
            Http.Response r = http.post(
                    "/api/auth/register",
                    null,
                    Map.of("username", u, "email", u + "@bench.local", "password", password(u)));
            if (r.status() == 201) {
                created.incrementAndGet();
            } else if (r.status() != 409) {
                throw new IllegalStateException("register " + u + ": " + r.status() + " " + r.body());
            }
            Login login = logIn(u);
            tokens[i] = login.access();
            refreshTokens[i] = login.refresh();
            ids[i] = userId(login.access());
        });
        // what `login` refreshes from: without it, it would hash every password a third time
        Files.write(dataDir.resolve("refresh-tokens.txt"), List.of(refreshTokens));
        System.out.printf(
                "users: %d registered now, %d existed (%.0f s)%n", created.get(), n - created.get(), secs(t0));

        if (alreadySeeded(ids, tokens)) {
            System.out.println("follows and posts: already seeded, nothing to do");
            return;
        }

        long t1 = System.nanoTime();
        List<int[]> follows = new ArrayList<>(2 * graph.edges().size());
        for (int[] e : graph.edges()) {
            follows.add(new int[] {e[0], e[1]});
            follows.add(new int[] {e[1], e[0]});
        }
        Collections.shuffle(follows, new Random(SEED));
        AtomicInteger done = new AtomicInteger();
        parallel(follows.size(), k -> {
            int[] f = follows.get(k);
            Http.Response r = http.post("/api/users/" + ids[f[1]] + "/follow", tokens[f[0]], Map.of());
            if (r.status() != 200) {
                throw new IllegalStateException("follow " + f[0] + "->" + f[1] + ": " + r.status() + " " + r.body());
            }
            progress(done, follows.size(), "follows");
        });
        System.out.printf("follows: %d (%.0f s, %.0f/s)%n", follows.size(), secs(t1), follows.size() / secs(t1));

        long t2 = System.nanoTime();
        List<int[]> posts = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> p = postsOf(graph, i);
            for (int k = 0; k < p.size(); k++) {
                posts.add(new int[] {i, k});
                contents.add(p.get(k));
            }
        }
        done.set(0);
        parallel(posts.size(), k -> {
            int[] p = posts.get(k);
            Http.Response r = http.post(
                    "/api/posts",
                    tokens[p[0]],
                    Map.of("content", contents.get(k)),
                    "seed-" + username(p[0]) + "-" + p[1]);
            if (r.status() != 201 && r.status() != 200) {
                throw new IllegalStateException("post by " + p[0] + ": " + r.status() + " " + r.body());
            }
            progress(done, posts.size(), "posts");
        });
        System.out.printf(
                "posts: %d, %.1f per user (%.0f s, %.0f/s)%n",
                posts.size(), posts.size() / (double) n, secs(t2), posts.size() / secs(t2));
        System.out.printf("seeded in %.0f s%n", secs(t0));
    }

    /** Public profiles only (no login, so no password hash): have sampled users all their follows and posts? */
    private boolean seededBefore() {
        for (int i : new int[] {0, graph.users() / 2, graph.users() - 1}) {
            Http.Response r = http.get("/api/users/lookup?username=" + username(i), null);
            if (r.status() != 200) {
                return false;
            }
            JsonNode u = r.json();
            if (u.path("followingCount").asInt() != graph.friends().get(i).size()
                    || u.path("postsCount").asInt() < postsOf(graph, i).size()) {
                return false;
            }
        }
        return true;
    }

    /** The first and the last user have all their follows and posts: an earlier run finished. */
    private boolean alreadySeeded(String[] ids, String[] tokens) {
        for (int i : new int[] {0, graph.users() / 2, graph.users() - 1}) {
            JsonNode me = http.get("/api/users/me", tokens[i]).json();
            if (me.path("followingCount").asInt() != graph.friends().get(i).size()
                    || me.path("postsCount").asInt() < postsOf(graph, i).size()) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ login

    record Login(String access, String refresh) {}

    private Login logIn(String u) {
        Http.Response r = http.post("/api/auth/login", null, Map.of("username", u, "password", password(u)));
        if (r.status() != 200) {
            throw new IllegalStateException("login " + u + ": " + r.status() + " " + r.body());
        }
        JsonNode t = r.json();
        return new Login(t.get("accessToken").asText(), t.get("refreshToken").asText());
    }

    private static String userId(String accessToken) {
        String payload = accessToken.split("\\.")[1];
        try {
            return Http.JSON
                    .readTree(java.util.Base64.getUrlDecoder().decode(payload))
                    .get("sub")
                    .asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes users.csv (index,username,userId,token) with fresh access tokens: a refresh where the
     * previous file has a refresh token (cheap), a login (one Argon2id hash) otherwise. Then samples
     * post ids (posts.csv) and the mean response size of the mix (sizes.properties).
     */
    void login() throws Exception {
        long t0 = System.nanoTime();
        int n = graph.users();
        Path usersFile = dataDir.resolve("users.csv");
        Path refreshFile = dataDir.resolve("refresh-tokens.txt");
        String[] previous = new String[n];
        if (Files.exists(refreshFile)) {
            List<String> lines = Files.readAllLines(refreshFile);
            for (int i = 0; i < Math.min(n, lines.size()); i++) {
                previous[i] = lines.get(i).isBlank() ? null : lines.get(i).trim();
            }
        }
        String[] ids = new String[n];
        String[] access = new String[n];
        String[] refresh = new String[n];
        AtomicInteger refreshed = new AtomicInteger();
        parallel(n, i -> {
            Login l = null;
            if (previous[i] != null) {
                Http.Response r = http.post("/api/auth/refresh", null, Map.of("refreshToken", previous[i]));
                if (r.status() == 200) {
                    JsonNode t = r.json();
                    l = new Login(
                            t.get("accessToken").asText(), t.get("refreshToken").asText());
                    refreshed.incrementAndGet();
                }
            }
            if (l == null) {
                l = logIn(username(i));
            }
            access[i] = l.access();
            refresh[i] = l.refresh();
            ids[i] = userId(l.access());
        });
        StringBuilder csv = new StringBuilder("index,username,userId,token\n");
        for (int i = 0; i < n; i++) {
            csv.append(i)
                    .append(',')
                    .append(username(i))
                    .append(',')
                    .append(ids[i])
                    .append(',')
                    .append(access[i])
                    .append('\n');
        }
        Files.writeString(usersFile, csv);
        Files.write(refreshFile, List.of(refresh));
        System.out.printf(
                "tokens: %d users (%d refreshed, %d logged in) in %.0f s -> %s%n",
                n, refreshed.get(), n - refreshed.get(), secs(t0), usersFile);

        // post ids for GET /api/posts/{id}, and the response sizes of the mix's requests
        Random r = new Random(SEED);
        List<String> postIds = Collections.synchronizedList(new ArrayList<>());
        long[] homeBytes = new long[1];
        long[] userBytes = new long[1];
        long[] postBytes = new long[1];
        int[] counts = new int[3];
        int sample = 200;
        int[] who = r.ints(sample, 0, n).toArray();
        parallel(sample, k -> {
            int i = who[k];
            Http.Response home = http.get("/api/timeline", access[i]);
            Http.Response mine = http.get("/api/users/" + ids[i] + "/posts?limit=100", access[i]);
            if (home.status() != 200 || mine.status() != 200) {
                throw new IllegalStateException("sampling: " + home.status() + "/" + mine.status());
            }
            List<String> ownIds = new ArrayList<>();
            mine.json().path("items").forEach(p -> ownIds.add(p.get("id").asText()));
            synchronized (counts) {
                homeBytes[0] += home.body().getBytes(StandardCharsets.UTF_8).length;
                userBytes[0] += http.get("/api/users/" + ids[i] + "/posts", access[i])
                        .body()
                        .getBytes(StandardCharsets.UTF_8)
                        .length;
                counts[0]++;
                counts[1]++;
                if (!ownIds.isEmpty()) {
                    postBytes[0] += http.get("/api/posts/" + ownIds.get(0), access[i])
                            .body()
                            .getBytes(StandardCharsets.UTF_8)
                            .length;
                    counts[2]++;
                }
            }
            postIds.addAll(ownIds);
        });
        Collections.sort(postIds);
        Files.write(dataDir.resolve("posts.csv"), concat("postId", postIds));
        double home = homeBytes[0] / (double) Math.max(1, counts[0]);
        double user = userBytes[0] / (double) Math.max(1, counts[1]);
        double post = postBytes[0] / (double) Math.max(1, counts[2]);
        long mix = Math.round(0.6 * home + 0.3 * user + 0.1 * post);
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("homeTimelineBytes", Math.round(home));
        sizes.put("userTimelineBytes", Math.round(user));
        sizes.put("postBytes", Math.round(post));
        sizes.put("mixMeanResponseBytes", mix);
        sizes.put("postIdsSampled", postIds.size());
        Http.JSON
                .writerWithDefaultPrettyPrinter()
                .writeValue(dataDir.resolve("sizes.json").toFile(), sizes);
        System.out.printf(
                "sampled %d post ids; mean response bytes: home %.0f, user %.0f, post %.0f, mix %d%n",
                postIds.size(), home, user, post, mix);
        if (postIds.isEmpty()) {
            throw new IllegalStateException("no posts found: is the database seeded?");
        }
    }

    private static List<String> concat(String head, List<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(head);
        all.addAll(rest);
        return all;
    }

    // ------------------------------------------------------------------ plumbing

    private static void parallel(int count, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int k = i;
                futures.add(pool.submit(() -> task.accept(k)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void progress(AtomicInteger done, int total, String what) {
        int d = done.incrementAndGet();
        if (d % 5000 == 0) {
            System.out.printf("  %s: %d / %d%n", what, d, total);
        }
    }

    private static double secs(long t0) {
        return Math.max(1e-3, (System.nanoTime() - t0) / 1e9);
    }
}
