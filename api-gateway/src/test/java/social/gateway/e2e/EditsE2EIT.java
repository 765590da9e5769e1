package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.ids;
import static social.gateway.e2e.Social.post;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** Editing posts through the gateway (API.md: PATCH /api/posts/{id}, /api/posts/{id}/history, editedAt). */
class EditsE2EIT {
    private static Api api;
    private static Session alice;
    private static Session bob;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
        alice = api.signUp("alice");
        bob = api.signUp("bob");
    }

    @Test
    void anEditAnswersThePostWithEditedAtAndTheHistoryKeepsEveryVersion() {
        JsonNode post = post(api, alice, "first version");
        String id = post.get("id").asString();
        assertThat(post.get("editedAt").isNull()).isTrue();
        assertThat(api.get("/api/posts/" + id + "/history").json().get("items").size())
                .isEqualTo(1);

        Response edited =
                api.patch("/api/posts/" + id, Map.of("content", "  second version #edited  "), alice.accessToken());

        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        assertThat(edited.json().get("content").asString()).isEqualTo("second version #edited");
        assertThat(edited.json().get("editedAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(edited.json().get("hashtags").get(0).asString()).isEqualTo("edited");
        assertThat(edited.json().get("createdAt")).isEqualTo(post.get("createdAt"));
        assertThat(api.get("/api/posts/" + id).json()).isEqualTo(edited.json());
        assertThat(api.patch("/api/posts/" + id, Map.of("content", "third"), alice.accessToken())
                        .status())
                .isEqualTo(200);
        Response history = api.get("/api/posts/" + id + "/history", bob.accessToken());
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.json().propertyNames()).containsExactlyInAnyOrder("items", "nextCursor");
        JsonNode versions = history.json().get("items");
        assertThat(versions.size()).isEqualTo(3);
        assertThat(history.json().get("nextCursor").isNull()).isTrue();
        assertThat(versions.get(0).propertyNames()).containsExactlyInAnyOrder("content", "createdAt");
        assertThat(versions.get(0).get("content").asString()).isEqualTo("first version");
        assertThat(versions.get(0).get("createdAt")).isEqualTo(post.get("createdAt"));
        assertThat(versions.get(1).get("content").asString()).isEqualTo("second version #edited");
        assertThat(versions.get(1).get("createdAt")).isEqualTo(edited.json().get("editedAt"));
        assertThat(versions.get(2).get("content").asString()).isEqualTo("third");
    }

    // issue 26, item 2: one account edited a post without limit; every read of its history returned every version
    @Test
    void theEleventhEditIsA409AndTheHistoryIsReadPageByPage() {
        String id = post(api, alice, "version 0").get("id").asString();
        for (int i = 1; i <= 10; i++) {
            assertThat(api.patch("/api/posts/" + id, Map.of("content", "version " + i), alice.accessToken())
                            .status())
                    .isEqualTo(200);
        }

        Response refused = api.patch("/api/posts/" + id, Map.of("content", "version 11"), alice.accessToken());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("EDIT_LIMIT_REACHED");
        Response first = api.get("/api/posts/" + id + "/history?limit=4");
        assertThat(first.json().get("items").size()).isEqualTo(4);
        assertThat(first.json().get("items").get(0).get("content").asString()).isEqualTo("version 0");
        String cursor = first.json().get("nextCursor").asString();
        Response rest = api.get("/api/posts/" + id + "/history?limit=100&cursor=" + cursor);
        assertThat(rest.json().get("items").size()).isEqualTo(7);
        assertThat(rest.json().get("items").get(6).get("content").asString()).isEqualTo("version 10");
        assertThat(rest.json().get("nextCursor").isNull()).isTrue();
        assertThat(api.get("/api/posts/" + id + "/history?cursor=nonsense").status())
                .isEqualTo(400);
    }

    @Test
    void editingSomeoneElsesPostARepostBadContentOrAnUnknownPostIsRefused() {
        String id = post(api, alice, "mine").get("id").asString();
        String repostId = api.post("/api/posts/" + id + "/repost", null, alice.accessToken())
                .json()
                .get("id")
                .asString();

        Response notMine = api.patch("/api/posts/" + id, Map.of("content", "hijacked"), bob.accessToken());
        assertThat(notMine.status()).isEqualTo(403);
        assertThat(notMine.contentType()).startsWith("application/problem+json");
        assertThat(api.patch("/api/posts/" + repostId, Map.of("content", "a repost"), alice.accessToken())
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/api/posts/" + id, Map.of("content", "x".repeat(281)), alice.accessToken())
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/api/posts/" + id, Map.of("content", " "), alice.accessToken())
                        .status())
                .isEqualTo(400);
        assertThat(api.patch("/api/posts/" + id, Map.of(), alice.accessToken()).status())
                .isEqualTo(400);
        assertThat(api.patch("/api/posts/" + id, Map.of("content", "x"), null).status())
                .isEqualTo(401);
        assertThat(api.patch("/api/posts/" + UUID.randomUUID(), Map.of("content", "x"), alice.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/posts/" + UUID.randomUUID() + "/history").status())
                .isEqualTo(404);
        JsonNode unchanged = api.get("/api/posts/" + id).json();
        assertThat(unchanged.get("content").asString()).isEqualTo("mine");
        assertThat(unchanged.get("editedAt").isNull()).isTrue();
    }

    @Test
    void anEditReachesTagPagesSearchAndTheQuotesShowingThePost() {
        String word = "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String id = post(api, alice, "before #before" + word).get("id").asString();
        String quoteId = api.post("/api/posts", Map.of("content", "look", "quoteOfId", id), bob.accessToken())
                .json()
                .get("id")
                .asString();

        api.patch("/api/posts/" + id, Map.of("content", "after " + word + " #after" + word), alice.accessToken());

        assertThat(ids(api.get("/api/hashtags/before" + word + "/posts").json()))
                .isEmpty();
        assertThat(ids(api.get("/api/hashtags/after" + word + "/posts").json())).containsExactly(id);
        assertThat(ids(api.get("/api/search/posts?q=after+" + word).json())).containsExactly(id);
        JsonNode quoted = api.get("/api/posts/" + quoteId).json().get("quoteOf");
        assertThat(quoted.get("content").asString()).isEqualTo("after " + word + " #after" + word);
        assertThat(quoted.get("editedAt").isNull()).isFalse();
    }

    @Test
    void aUserMentionedForTheFirstTimeByAnEditIsNotifiedAndNobodyTwice() {
        Session carol = api.signUp("carol");
        Session dave = api.signUp("dave");
        String id = post(api, alice, "hi @" + carol.username()).get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> mentions(carol) == 1);

        api.patch(
                "/api/posts/" + id,
                Map.of("content", "hi @" + carol.username() + " and @" + dave.username()),
                alice.accessToken());
        api.patch("/api/posts/" + id, Map.of("content", "hi @" + dave.username()), alice.accessToken());
        api.patch(
                "/api/posts/" + id,
                Map.of("content", "hi again @" + carol.username() + " @" + dave.username()),
                alice.accessToken());

        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> mentions(dave) == 1);
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    assertThat(mentions(carol)).isEqualTo(1);
                    assertThat(mentions(dave)).isEqualTo(1);
                });
    }

    private static long mentions(Session user) {
        JsonNode items =
                api.get("/api/notifications", user.accessToken()).json().get("items");
        long count = 0;
        for (JsonNode item : items) {
            if (item.get("type").asString().equals("MENTION")) {
                count++;
            }
        }
        return count;
    }
}
