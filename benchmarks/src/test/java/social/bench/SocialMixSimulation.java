package social.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * The DeathStarBench social-network mix at a fixed arrival rate (open model: a new virtual user
 * every 1/rate s whatever the answers take, so slow responses are not hidden by coordinated
 * omission). Each virtual user is one request by a random seeded, logged-in user:
 * 60 % GET /api/timeline, 30 % GET /api/users/{id}/posts of a random user, 10 % POST /api/posts
 * (a quarter with @mentions of friends). Mode post-by-id: GET /api/posts/{id} only.
 *
 * <p>System properties: baseUrl (http://localhost:8080), rate (req/s, 100), duration (s, 60),
 * warmup (s, 10: a ramp to the rate whose requests are reported apart, under the group "warmup"),
 * mode (mix | post-by-id), dataDir (target/bench-data, written by {@link Seeder}).
 */
public class SocialMixSimulation extends Simulation {
    final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
    final double rate = Double.parseDouble(System.getProperty("rate", "100"));
    final int duration = Integer.parseInt(System.getProperty("duration", "60"));
    final int warmup = Integer.parseInt(System.getProperty("warmup", "10"));
    final String mode = System.getProperty("mode", "mix");
    final Path dataDir = Path.of(System.getProperty("dataDir", "target/bench-data"));

    record User(String id, String username, String token, List<String> friendNames) {}

    final List<User> users = readUsers();
    final List<String> postIds = readColumn(dataDir.resolve("posts.csv"));

    final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("social-bench")
            // one connection pool for all virtual users, as a fleet of front-ends would hold keep-alive
            // connections: otherwise every request of the open model would open a new TCP connection
            .shareConnections()
            .disableCaching();

    /** A random seeded user, a random target user, a random post, and a new post's body. */
    Iterator<Map<String, Object>> feeder() {
        return Stream.generate((Supplier<Map<String, Object>>) () -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    User u = users.get(r.nextInt(users.size()));
                    User target = users.get(r.nextInt(users.size()));
                    String content = Seeder.content(new Random(r.nextLong()), List.of()) + mentions(u, r);
                    return Map.of(
                            "token", u.token(),
                            "target", target.id(),
                            "postId", postIds.get(r.nextInt(postIds.size())),
                            "newPost",
                                    json(
                                            content.length() > 280
                                                    ? content.substring(0, 280).trim()
                                                    : content));
                })
                .iterator();
    }

    private static String mentions(User u, ThreadLocalRandom r) {
        if (u.friendNames().isEmpty() || r.nextInt(4) != 0) {
            return "";
        }
        return " @" + u.friendNames().get(r.nextInt(u.friendNames().size()));
    }

    ChainBuilder homeTimeline() {
        return exec(http("home-timeline")
                .get("/api/timeline")
                .header("Authorization", "Bearer #{token}")
                .check(status().is(200)));
    }

    ChainBuilder userTimeline() {
        return exec(http("user-timeline")
                .get("/api/users/#{target}/posts")
                .header("Authorization", "Bearer #{token}")
                .check(status().is(200)));
    }

    ChainBuilder newPost() {
        return exec(http("post-create")
                .post("/api/posts")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("#{newPost}"))
                .check(status().is(201)));
    }

    ChainBuilder postById() {
        return exec(http("post-by-id")
                .get("/api/posts/#{postId}")
                .header("Authorization", "Bearer #{token}")
                .check(status().is(200)));
    }

    ChainBuilder requests() {
        if ("post-by-id".equals(mode)) {
            return postById();
        }
        if (!"mix".equals(mode)) {
            throw new IllegalArgumentException("mode must be mix or post-by-id, not " + mode);
        }
        return exec(session -> session)
                .randomSwitch()
                .on(
                        percent(60.0).then(homeTimeline()),
                        percent(30.0).then(userTimeline()),
                        percent(10.0).then(newPost()));
    }

    ScenarioBuilder scenarioIn(String groupName) {
        return scenario(groupName).feed(feeder()).group(groupName).on(requests());
    }

    {
        if (!Http.isLocal(java.net.URI.create(baseUrl).getHost())) {
            throw new IllegalArgumentException("the benchmark only targets localhost, not " + baseUrl);
        }
        List<PopulationBuilder> populations = new ArrayList<>();
        if (warmup > 0) {
            populations.add(
                    scenarioIn("warmup").injectOpen(rampUsersPerSec(1).to(rate).during(Duration.ofSeconds(warmup))));
        }
        populations.add(scenarioIn("measured")
                .injectOpen(
                        nothingFor(Duration.ofSeconds(warmup)),
                        constantUsersPerSec(rate).during(Duration.ofSeconds(duration))));
        setUp(populations).protocols(protocol);
        System.out.printf(
                "bench: mode=%s rate=%.0f/s duration=%ds warmup=%ds users=%d posts=%d baseUrl=%s%n",
                mode, rate, duration, warmup, users.size(), postIds.size(), baseUrl);
    }

    // ------------------------------------------------------------------ data

    private List<User> readUsers() {
        List<String> lines = readLines(dataDir.resolve("users.csv"));
        Seeder.Graph graph;
        try {
            graph = Seeder.Graph.load(
                    Path.of(System.getProperty("edges", "../../shared/datasets/socfb-Reed98/socfb-Reed98.edges")));
        } catch (IOException e) {
            graph = null;
        }
        List<User> result = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int index = Integer.parseInt(f[0]);
            List<String> friends = new ArrayList<>();
            if (graph != null && index < graph.users()) {
                graph.friends().get(index).forEach(j -> friends.add(Seeder.username(j)));
            }
            result.add(new User(f[2], f[1], f[3], friends));
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("no users in " + dataDir.resolve("users.csv") + ": run the Seeder first");
        }
        return result;
    }

    private static List<String> readColumn(Path file) {
        List<String> lines = readLines(file);
        return new ArrayList<>(lines.subList(1, lines.size()));
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": run the Seeder first", e);
        }
    }

    private static String json(String s) {
        try {
            return Http.JSON.writeValueAsString(Map.of("content", s));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
