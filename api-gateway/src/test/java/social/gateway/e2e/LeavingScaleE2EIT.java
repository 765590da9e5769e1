package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/**
 * How long leaving takes for a busy account: 1,000 posts, 1,000 likes and 1,000 followers, all seeded
 * through the public API, then {@code DELETE /api/users/me} until auth-service records the erasure
 * completed (every service reported). A measurement rather than a check of a rule (seeding takes
 * minutes), so it runs only when asked:
 *
 * <pre>
 *   ./mvnw -o -q -pl api-gateway verify -Dtest=NoSuchTest -Dit.test=LeavingScaleE2EIT -De2e.leaving.scale=true \
 *       -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * It prints when each service reported its erasure, counted from the request.
 */
@EnabledIfSystemProperty(named = "e2e.leaving.scale", matches = "true")
class LeavingScaleE2EIT {
    static final int POSTS = Integer.getInteger("e2e.leaving.posts", 1_000);
    static final int LIKES = Integer.getInteger("e2e.leaving.likes", 1_000);
    static final int FOLLOWERS = Integer.getInteger("e2e.leaving.followers", 1_000);
    static final Duration BUDGET = Duration.ofSeconds(60);

    @Test
    void deletingAnAccountWithAThousandPostsLikesAndFollowersCompletes() throws Exception {
        Api api = Api.ofStack();
        Session leaver = api.signUp("big");
        Session author = api.signUp("liked");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            long seeding = System.nanoTime();
            List<String> toLike = new ArrayList<>(all(
                    pool,
                    LIKES,
                    i -> Social.post(api, author, "to be liked " + i).get("id").asString()));
            all(
                    pool,
                    POSTS,
                    i -> Social.post(api, leaver, "post " + i + " #bigaccount").get("id"));
            all(pool, LIKES, i -> {
                Response liked = api.put("/api/posts/" + toLike.get(i) + "/like", null, leaver.accessToken());
                assertThat(liked.status()).as("%s", liked).isEqualTo(204);
                return liked;
            });
            all(pool, FOLLOWERS, i -> {
                Session follower = api.signUp("f");
                Social.follow(api, follower, leaver);
                return follower;
            });
            System.out.printf(
                    "leaving at scale: seeded %d posts, %d likes, %d followers in %d s%n",
                    POSTS,
                    LIKES,
                    FOLLOWERS,
                    Duration.ofNanos(System.nanoTime() - seeding).toSeconds());
            awaitCounts(api, leaver);

            long start = System.nanoTime();
            Response accepted = LeavingE2EIT.deleteAccount(api, leaver, leaver.password());
            long answered = System.nanoTime();
            assertThat(accepted.status()).as("%s", accepted).isEqualTo(202);
            Map<String, Long> reportedAfter = new LinkedHashMap<>();
            List<String> services = List.of(
                    "user-service", "post-service", "followers-service", "like-service", "notification-service");
            while (true) {
                long now = System.nanoTime();
                assertThat(Duration.ofNanos(now - start)).isLessThan(BUDGET);
                List<String> missing = LeavingE2EIT.missingServices(leaver.id());
                boolean pending = LeavingE2EIT.pendingErasures().contains(leaver.id());
                for (String service : services) {
                    if ((!pending || !missing.contains(service)) && !reportedAfter.containsKey(service)) {
                        reportedAfter.put(service, Duration.ofNanos(now - start).toMillis());
                    }
                }
                if (!pending) {
                    break;
                }
                Thread.sleep(10);
            }
            long completed = System.nanoTime();
            System.out.printf(
                    "leaving at scale: DELETE answered in %d ms; erasure completed %d ms after the request; reported"
                            + " (ms after the request): %s%n",
                    Duration.ofNanos(answered - start).toMillis(),
                    Duration.ofNanos(completed - start).toMillis(),
                    reportedAfter);
            assertThat(api.get("/api/users/" + leaver.id()).status()).isEqualTo(404);
            assertThat(Social.user(api, author).get("followersCount").asLong()).isZero();
            assertThat(api.get("/api/posts/" + toLike.get(0))
                            .json()
                            .get("likeCount")
                            .asLong())
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until the leaver's counters show what was seeded (the counter events drained). */
    private static void awaitCounts(Api api, Session leaver) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    JsonNode user = Social.user(api, leaver);
                    return user.get("postsCount").asLong() == POSTS
                            && user.get("followersCount").asLong() == FOLLOWERS;
                });
    }

    private static <T> List<T> all(ExecutorService pool, int count, IntFunction<T> task) throws Exception {
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.apply(index)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
