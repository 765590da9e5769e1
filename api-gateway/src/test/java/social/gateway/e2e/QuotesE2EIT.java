package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.follow;
import static social.gateway.e2e.Social.ids;
import static social.gateway.e2e.Social.post;
import static social.gateway.e2e.Social.walk;
import static social.gateway.e2e.Social.withinConvergence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** Quote posts through the gateway (API.md: quoteOfId, quoteOf, quoteCount, /api/posts/{id}/quotes, QUOTE). */
class QuotesE2EIT {
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
    void aQuoteShowsTheWholeQuotedPostAndIsCountedOnIt() {
        String originalId = post(api, alice, "worth quoting #quoted").get("id").asString();
        assertThat(api.put("/api/posts/" + originalId + "/like", null, bob.accessToken())
                        .status())
                .isEqualTo(204);

        JsonNode quote = quote(bob, originalId, "so true");

        assertThat(quote.get("content").asString()).isEqualTo("so true");
        assertThat(quote.get("repostOf").isNull()).isTrue();
        JsonNode quoted = quote.get("quoteOf");
        assertThat(quoted.get("id").asString()).isEqualTo(originalId);
        assertThat(quoted.get("content").asString()).isEqualTo("worth quoting #quoted");
        assertThat(quoted.get("author").get("username").asString()).isEqualTo(alice.username());
        assertThat(quoted.get("likedByMe").asBoolean()).isTrue();
        assertThat(quoted.get("likeCount").asLong()).isEqualTo(1);
        assertThat(quoted.get("quoteOf").isNull()).isTrue();
        assertThat(api.get("/api/posts/" + originalId).json().get("quoteCount").asLong())
                .isEqualTo(1);
        // in a timeline too, with the quoted post's author and likes
        JsonNode inTimeline =
                api.get("/api/timeline", bob.accessToken()).json().get("items").get(0);
        assertThat(inTimeline.get("quoteOf").get("author").get("id").asString()).isEqualTo(alice.id());
        assertThat(inTimeline.get("quoteOf").get("likedByMe").asBoolean()).isTrue();
    }

    @Test
    void quotingARepostQuotesItsOriginal() {
        String originalId = post(api, alice, "original").get("id").asString();
        String repostId = api.post("/api/posts/" + originalId + "/repost", null, bob.accessToken())
                .json()
                .get("id")
                .asString();

        JsonNode quote = quote(bob, repostId, "quoting a repost");

        assertThat(quote.get("quoteOf").get("id").asString()).isEqualTo(originalId);
    }

    @Test
    void badQuotesAreRefused() {
        String originalId = post(api, alice, "original").get("id").asString();
        Response both = api.post(
                "/api/posts",
                Map.of("content", "both", "replyToId", originalId, "quoteOfId", originalId),
                bob.accessToken());
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.contentType()).startsWith("application/problem+json");
        assertThat(api.post(
                                "/api/posts",
                                Map.of(
                                        "content",
                                        "x",
                                        "quoteOfId",
                                        UUID.randomUUID().toString()),
                                bob.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/posts", Map.of("content", "x", "quoteOfId", "not-an-id"), bob.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/posts", Map.of("content", "", "quoteOfId", originalId), bob.accessToken())
                        .status())
                .isEqualTo(400);
        assertThat(api.get("/api/posts/" + originalId).json().get("quoteCount").asLong())
                .isZero();
    }

    @Test
    void quotingADeletedPostIs404AndAQuoteOfADeletedPostStaysWithoutIt() {
        String originalId = post(api, alice, "short-lived").get("id").asString();
        String quoteId = quote(bob, originalId, "a quote that stays").get("id").asString();

        assertThat(api.delete("/api/posts/" + originalId, alice.accessToken()).status())
                .isEqualTo(204);

        Response quote = api.get("/api/posts/" + quoteId);
        assertThat(quote.status()).isEqualTo(200);
        assertThat(quote.json().get("quoteOf").isNull()).isTrue();
        assertThat(quote.json().get("content").asString()).isEqualTo("a quote that stays");
        Response tooLate =
                api.post("/api/posts", Map.of("content", "too late", "quoteOfId", originalId), bob.accessToken());
        assertThat(tooLate.status()).isEqualTo(404);
        assertThat(api.get("/api/posts/" + originalId + "/quotes").status()).isEqualTo(404);
    }

    @Test
    void theQuotesOfAPostArePagedNewestFirstAndDeletedQuotesCountDown() {
        String originalId = post(api, alice, "much quoted").get("id").asString();
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            quotes.add(quote(i % 2 == 0 ? bob : alice, originalId, "quote " + i)
                    .get("id")
                    .asString());
        }

        List<JsonNode> page = walk(api, "/api/posts/" + originalId + "/quotes", null, 3);

        List<String> newestFirst = new ArrayList<>(quotes);
        Collections.reverse(newestFirst);
        assertThat(ids(page)).containsExactlyElementsOf(newestFirst);
        assertThat(api.delete("/api/posts/" + quotes.get(0), bob.accessToken()).status())
                .isEqualTo(204);
        assertThat(api.delete("/api/posts/" + quotes.get(0), bob.accessToken()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/posts/" + originalId).json().get("quoteCount").asLong())
                .isEqualTo(3);
        assertThat(api.get("/api/posts/" + UUID.randomUUID() + "/quotes").status())
                .isEqualTo(404);
    }

    @Test
    void theQuotedAuthorIsNotifiedOnceButNeverOfQuotingThemselves() {
        Session carol = api.signUp("carol");
        String originalId = post(api, carol, "notify me").get("id").asString();

        quote(carol, originalId, "quoting myself");
        String quoteId =
                quote(bob, originalId, "quoting @" + carol.username()).get("id").asString();

        // held for a while: neither her own quote nor the mention of her adds a notification
        Awaitility.await()
                .during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    JsonNode items = api.get("/api/notifications", carol.accessToken())
                            .json()
                            .get("items");
                    assertThat(items).hasSize(1);
                    assertThat(items.get(0).get("type").asString()).isEqualTo("QUOTE");
                    assertThat(items.get(0).get("actor").get("id").asString()).isEqualTo(bob.id());
                    assertThat(items.get(0).get("postId").asString()).isEqualTo(quoteId);
                });
    }

    @Test
    void aBlockHidesTheOtherSidesQuotesAndShowsTheirQuotedPostsAsUnavailableUntilTheUnblock() {
        Session ann = api.signUp("qblk");
        Session ben = api.signUp("qblk");
        Session cat = api.signUp("qblk");
        String tag = "qblk" + ann.id().substring(0, 8).replace("-", "");
        String catsPost = post(api, cat, "cat's post").get("id").asString();
        String annsQuote = quote(ann, catsPost, "ann quotes cat").get("id").asString();
        String bensQuote = quote(ben, catsPost, "ben quotes cat").get("id").asString();
        String bensPost = post(api, ben, "ben's post").get("id").asString();
        String catQuotesBen =
                quote(cat, bensPost, "cat quotes ben #" + tag).get("id").asString();
        follow(api, ann, cat);
        withinConvergence()
                .untilAsserted(() -> assertThat(ids(walk(api, "/api/timeline", ann.accessToken(), 20)))
                        .contains(catQuotesBen));

        Response blocked = api.put("/api/users/" + ben.id() + "/block", null, ann.accessToken());
        assertThat(blocked.status()).as("%s", blocked).isEqualTo(200);

        // within convergence (post-service's copy of the block lists), for both sides
        withinConvergence().untilAsserted(() -> {
            assertThat(ids(walk(api, "/api/posts/" + catsPost + "/quotes", ann.accessToken(), 20)))
                    .containsExactly(annsQuote);
            assertThat(ids(walk(api, "/api/posts/" + catsPost + "/quotes", ben.accessToken(), 20)))
                    .containsExactly(bensQuote);
            assertUnavailable(find(walk(api, "/api/timeline", ann.accessToken(), 20), catQuotesBen));
            assertUnavailable(find(walk(api, "/api/hashtags/" + tag + "/posts", ann.accessToken(), 20), catQuotesBen));
            assertUnavailable(find(walk(api, "/api/search/posts?q=%23" + tag, ann.accessToken(), 20), catQuotesBen));
        });
        // the others see all of it
        assertThat(ids(walk(api, "/api/posts/" + catsPost + "/quotes", cat.accessToken(), 20)))
                .containsExactly(bensQuote, annsQuote);
        assertThat(find(walk(api, "/api/hashtags/" + tag + "/posts", cat.accessToken(), 20), catQuotesBen)
                        .get("quoteOf")
                        .get("id")
                        .asString())
                .isEqualTo(bensPost);
        assertThat(api.get("/api/posts/" + catQuotesBen)
                        .json()
                        .get("quoteOf")
                        .get("content")
                        .asString())
                .isEqualTo("ben's post");

        assertThat(api.delete("/api/users/" + ben.id() + "/block", ann.accessToken())
                        .status())
                .isEqualTo(200);
        withinConvergence().untilAsserted(() -> {
            assertThat(find(walk(api, "/api/timeline", ann.accessToken(), 20), catQuotesBen)
                            .get("quoteOf")
                            .get("id")
                            .asString())
                    .isEqualTo(bensPost);
            assertThat(ids(walk(api, "/api/posts/" + catsPost + "/quotes", ann.accessToken(), 20)))
                    .containsExactly(bensQuote, annsQuote);
        });
    }

    /** A quote shown whose quoted post is unavailable: as a deleted one, {@code quoteOf} null. */
    private static void assertUnavailable(JsonNode quote) {
        assertThat(quote.get("content").asString()).isNotEmpty();
        assertThat(quote.get("quoteOf").isNull()).as("quoteOf of %s", quote).isTrue();
    }

    private static JsonNode find(List<JsonNode> posts, String id) {
        return posts.stream()
                .filter(post -> post.get("id").asString().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no post " + id + " in " + ids(posts)));
    }

    private static JsonNode quote(Session author, String quotedId, String content) {
        Response created =
                api.post("/api/posts", Map.of("content", content, "quoteOfId", quotedId), author.accessToken());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }
}
