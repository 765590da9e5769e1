package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.support.testing.ServiceJvms;

/**
 * Leaving (API.md, "Blocks, mutes, leaving"): {@code DELETE /api/users/me} ends the account's
 * tokens at every gateway within a second and its logins at once; within 5 seconds every service
 * has erased it (profile, posts, reposts, likes, bookmarks, follows both ways, notifications), the
 * counts it touched are corrected, and its username and email are free again. A service that is down
 * erases when it is back.
 */
class LeavingE2EIT {
    private static final Duration AT_ONCE = Duration.ofSeconds(1);
    private static final Duration ERASED = Duration.ofSeconds(5);

    private static Api api;
    private static List<Api> gateways;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
        gateways = Stack.get().gateways().stream().map(Api::new).toList();
    }

    @Test
    void aDeletedAccountIsRefusedAtOnceThenErasedEverywhereWithEveryCountCorrectedAndItsNamesFreed() throws Exception {
        Session leaver = api.signUp("leaver");
        Session friend = api.signUp("friend");
        Session fan = api.signUp("fan");
        String word = "farewell" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String tag = "leaving" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);

        // the leaver's graph: follows both ways, a follower with notify on
        Social.follow(api, leaver, friend);
        assertThat(api.post("/api/users/" + leaver.id() + "/follow", Map.of("notify", true), friend.accessToken())
                        .status())
                .isEqualTo(200);
        Social.follow(api, fan, leaver);
        // the friend's post, which the leaver replies to, reposts, quotes, likes and bookmarks
        String friendsPost =
                Social.post(api, friend, "a post of the friend").get("id").asString();
        Social.reply(api, leaver, friendsPost, "a reply of the leaver");
        assertThat(api.post("/api/posts/" + friendsPost + "/repost", Map.of(), leaver.accessToken())
                        .status())
                .isEqualTo(201);
        assertThat(api.post(
                                "/api/posts",
                                Map.of("content", "a quote of the leaver", "quoteOfId", friendsPost),
                                leaver.accessToken())
                        .status())
                .isEqualTo(201);
        assertThat(api.put("/api/posts/" + friendsPost + "/like", null, leaver.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.put("/api/posts/" + friendsPost + "/bookmark", null, leaver.accessToken())
                        .status())
                .isEqualTo(204);
        // the leaver's own post, tagged and searchable, which the friend likes and reposts, and a mention of it
        String leaversPost = Social.post(api, leaver, "leaving soon " + word + " #" + tag)
                .get("id")
                .asString();
        assertThat(api.put("/api/posts/" + leaversPost + "/like", null, friend.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/posts/" + leaversPost + "/repost", Map.of(), friend.accessToken())
                        .status())
                .isEqualTo(201);
        Social.post(api, friend, "bye @" + leaver.username());

        await().atMost(ERASED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            JsonNode post = api.get("/api/posts/" + friendsPost).json();
            assertThat(List.of(
                            post.get("likeCount").asLong(),
                            post.get("replyCount").asLong(),
                            post.get("repostCount").asLong(),
                            post.get("quoteCount").asLong()))
                    .containsExactly(1L, 1L, 1L, 1L);
            assertThat(Social.user(api, friend).get("followersCount").asLong()).isEqualTo(1);
            assertThat(Social.user(api, friend).get("followingCount").asLong()).isEqualTo(1);
            assertThat(Social.user(api, fan).get("followingCount").asLong()).isEqualTo(1);
            assertThat(actors(friend)).contains(leaver.id());
            assertThat(actors(leaver)).contains(friend.id());
            assertThat(timeline(friend)).contains(leaversPost);
            assertThat(Social.ids(api.get("/api/hashtags/" + tag + "/posts").json()))
                    .containsExactly(leaversPost);
        });
        // every gateway knows the leaver's token as verified (cached) before the deletion
        for (Api gateway : gateways) {
            assertThat(gateway.get("/api/users/me", leaver.accessToken()).status())
                    .isEqualTo(200);
        }

        // a wrong or missing password changes nothing
        GatewayBehaviourE2EIT.assertProblem(deleteAccount(api, leaver, "not-the-password"), 401);
        GatewayBehaviourE2EIT.assertProblem(deleteAccount(api, leaver, null), 400);
        assertThat(api.get("/api/users/me", leaver.accessToken()).status()).isEqualTo(200);
        assertThat(login(leaver.username(), leaver.password()).status()).isEqualTo(200);

        try (NotificationsE2EIT.SseClient stream = NotificationsE2EIT.SseClient.open(
                gateways.get(gateways.size() - 1).base(), leaver.accessToken())) {
            assertThat(deleteAccount(api, leaver, leaver.password()).status()).isEqualTo(202);

            // at once: the access token is refused by every gateway, the refresh token is dead,
            // logging in fails as for an unknown user, the open stream ends
            for (Api gateway : gateways) {
                await().atMost(AT_ONCE)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> gateway.get("/api/users/me", leaver.accessToken())
                                        .status()
                                == 401);
            }
            assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", leaver.refreshToken()))
                            .status())
                    .isEqualTo(401);
            Response deletedLogin = login(leaver.username(), leaver.password());
            Response unknownLogin =
                    login("nobody_" + UUID.randomUUID().toString().substring(0, 8), "password-x");
            GatewayBehaviourE2EIT.assertProblem(deletedLogin, 401);
            assertThat(deletedLogin.json().get("detail"))
                    .isEqualTo(unknownLogin.json().get("detail"));
            assertThat(deletedLogin.json().get("title"))
                    .isEqualTo(unknownLogin.json().get("title"));
            await().atMost(Duration.ofSeconds(5)).until(stream::ended);
        }

        // within 5 seconds: nothing of the account anywhere, every count corrected, the names free
        await().atMost(ERASED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(api.get("/api/users/" + leaver.id()).status()).isEqualTo(404);
            assertThat(api.get("/api/posts/" + leaversPost).status()).isEqualTo(404);
            assertThat(api.get("/api/users/" + leaver.id() + "/posts").status()).isEqualTo(404);
            JsonNode post = api.get("/api/posts/" + friendsPost).json();
            assertThat(List.of(
                            post.get("likeCount").asLong(),
                            post.get("replyCount").asLong(),
                            post.get("repostCount").asLong(),
                            post.get("quoteCount").asLong()))
                    .containsExactly(0L, 0L, 0L, 0L);
            assertThat(Social.ids(
                            api.get("/api/posts/" + friendsPost + "/likes").json()))
                    .doesNotContain(leaver.id());
            JsonNode friendNow = Social.user(api, friend);
            assertThat(friendNow.get("followersCount").asLong()).isZero();
            assertThat(friendNow.get("followingCount").asLong()).isZero();
            assertThat(Social.user(api, fan).get("followingCount").asLong()).isZero();
            assertThat(Social.ids(
                            api.get("/api/users/" + friend.id() + "/followers").json()))
                    .isEmpty();
            assertThat(Social.ids(
                            api.get("/api/users/" + fan.id() + "/following").json()))
                    .isEmpty();
            assertThat(actors(friend)).doesNotContain(leaver.id());
            // the friend's repost of the leaver's post went with it
            assertThat(authorsIn(api.get("/api/timeline?limit=100", friend.accessToken())
                            .json()))
                    .doesNotContain(leaver.id());
            assertThat(repostedIds(api.get("/api/users/" + friend.id() + "/posts?limit=100")
                            .json()))
                    .doesNotContain(leaversPost);
            assertThat(Social.ids(api.get("/api/hashtags/" + tag + "/posts").json()))
                    .isEmpty();
            assertThat(Social.ids(api.get("/api/search/posts?q=" + word).json()))
                    .isEmpty();
            assertThat(trendingTags()).doesNotContain(tag);
            assertThat(Social.ids(
                            api.get("/api/users/search?q=" + leaver.username()).json()))
                    .isEmpty();
            assertThat(pendingErasures()).doesNotContain(leaver.id());
        });

        // the username and email are free again: a new account, a new id
        Response again = api.post(
                "/api/auth/register",
                Map.of(
                        "username",
                        leaver.username(),
                        "email",
                        leaver.username() + "@example.com",
                        "password",
                        leaver.password()));
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.json().get("id").asString()).isNotEqualTo(leaver.id());
        assertThat(again.json().get("followersCount").asLong()).isZero();
        assertThat(again.json().get("postsCount").asLong()).isZero();
    }

    @Test
    void aServiceThatIsDownWhenTheAccountIsDeletedErasesItWhenItIsBackAndOnlyThenAreTheNamesFree() {
        Session leaver = api.signUp("leaver2");
        Session friend = api.signUp("friend2");
        String friendsPost =
                Social.post(api, friend, "liked by a leaver").get("id").asString();
        assertThat(api.put("/api/posts/" + friendsPost + "/like", null, leaver.accessToken())
                        .status())
                .isEqualTo(204);
        await().atMost(ERASED)
                .until(() -> api.get("/api/posts/" + friendsPost)
                                .json()
                                .get("likeCount")
                                .asLong()
                        == 1);

        Stack.get().stop("like-service");
        try {
            assertThat(deleteAccount(api, leaver, leaver.password()).status()).isEqualTo(202);

            // the others erase; the erasure waits for like-service, and the name stays taken meanwhile
            await().atMost(ERASED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                assertThat(api.get("/api/users/" + leaver.id()).status()).isEqualTo(404);
                assertThat(missingServices(leaver.id())).containsExactly("like-service");
            });
            Response taken = api.post(
                    "/api/auth/register",
                    Map.of(
                            "username",
                            leaver.username(),
                            "email",
                            "other-" + leaver.username() + "@example.com",
                            "password",
                            leaver.password()));
            GatewayBehaviourE2EIT.assertProblem(taken, 409);
        } finally {
            Stack.get().start("like-service");
        }

        await().atMost(ERASED).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(api.get("/api/posts/" + friendsPost)
                            .json()
                            .get("likeCount")
                            .asLong())
                    .isZero();
            assertThat(Social.ids(
                            api.get("/api/posts/" + friendsPost + "/likes").json()))
                    .isEmpty();
            assertThat(pendingErasures()).doesNotContain(leaver.id());
        });
        assertThat(api.post(
                                "/api/auth/register",
                                Map.of(
                                        "username",
                                        leaver.username(),
                                        "email",
                                        leaver.username() + "@example.com",
                                        "password",
                                        leaver.password()))
                        .status())
                .isEqualTo(201);
    }

    static Response deleteAccount(Api api, Session user, String password) {
        return api.send(
                "DELETE",
                "/api/users/me",
                password == null ? Map.of() : Map.of("password", password),
                user.accessToken(),
                Map.of());
    }

    private static Response login(String username, String password) {
        return api.post("/api/auth/login", Map.of("username", username, "password", password));
    }

    private static List<String> actors(Session user) {
        return Social.field(
                Social.walk(api, "/api/notifications", user.accessToken(), 100),
                item -> item.get("actor").get("id").asString());
    }

    private static List<String> timeline(Session user) {
        return Social.ids(api.get("/api/timeline?limit=100", user.accessToken()).json());
    }

    private static List<String> authorsIn(JsonNode page) {
        List<String> authors = new ArrayList<>();
        page.get("items")
                .forEach(item -> authors.add(item.get("author").get("id").asString()));
        return authors;
    }

    private static List<String> repostedIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> {
            JsonNode original = item.get("repostOf");
            if (original != null && !original.isNull()) {
                ids.add(original.get("id").asString());
            }
        });
        return ids;
    }

    private static List<String> trendingTags() {
        List<String> tags = new ArrayList<>();
        api.get("/api/hashtags/trending?window=1h&limit=20")
                .json()
                .forEach(count -> tags.add(count.get("tag").asString()));
        return tags;
    }

    /** The erasures auth-service is still waiting for (its actuator, 127.0.0.1 only, with the operator's token). */
    static JsonNode erasures() {
        Api auth = new Api(URI.create("http://127.0.0.1:" + Stack.get().port("auth-service")));
        Response response = auth.get("/actuator/erasures", ServiceJvms.MANAGEMENT_TOKEN);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    static List<String> pendingErasures() {
        List<String> users = new ArrayList<>();
        erasures()
                .get("pending")
                .forEach(pending -> users.add(pending.get("userId").asString()));
        return users;
    }

    static List<String> missingServices(String userId) {
        List<String> missing = new ArrayList<>();
        erasures().get("pending").forEach(pending -> {
            if (pending.get("userId").asString().equals(userId)) {
                pending.get("missing").forEach(service -> missing.add(service.asString()));
            }
        });
        return missing;
    }
}
