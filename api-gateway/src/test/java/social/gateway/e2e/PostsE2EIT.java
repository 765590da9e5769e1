package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.ids;
import static social.gateway.e2e.Social.post;
import static social.gateway.e2e.Social.reply;
import static social.gateway.e2e.Social.walk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** Posts, replies and reposts through the gateway (API.md: /api/posts). */
class PostsE2EIT {
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
    void aNewPostIs201WithItsLocationAndTheWholePostShape() {
        Response created = api.post(
                "/api/posts",
                Map.of("content", "  hello @" + bob.username().toUpperCase() + "  "),
                alice.accessToken());

        assertThat(created.status()).isEqualTo(201);
        JsonNode post = created.json();
        assertThat(created.header("Location"))
                .isEqualTo("/api/posts/" + post.get("id").asString());
        assertThat(post.propertyNames())
                .containsExactlyInAnyOrder(
                        "id",
                        "author",
                        "content",
                        "createdAt",
                        "replyToId",
                        "repostOf",
                        "likeCount",
                        "replyCount",
                        "repostCount",
                        "likedByMe",
                        "repostedByMe",
                        "hashtags",
                        "quoteOf",
                        "quoteCount",
                        "editedAt",
                        "bookmarkedByMe");
        assertThat(post.get("content").asString())
                .isEqualTo("hello @" + bob.username().toUpperCase());
        assertThat(post.get("author").get("id").asString()).isEqualTo(alice.id());
        assertThat(post.get("author").get("username").asString()).isEqualTo(alice.username());
        assertThat(post.get("author").propertyNames()).containsExactlyInAnyOrder("id", "username", "displayName");
        assertThat(post.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(post.get("replyToId").isNull()).isTrue();
        assertThat(post.get("repostOf").isNull()).isTrue();
        assertThat(post.get("likeCount").asLong()).isZero();
        assertThat(post.get("likedByMe").asBoolean()).isFalse();

        Response read = api.get(created.header("Location"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(post);
    }

    @Test
    void contentIsCountedInCodePointsAfterTrimming() {
        String emoji = "\uD83D\uDE00".repeat(280);
        Response accepted = api.post("/api/posts", Map.of("content", "  " + emoji + "\n"), alice.accessToken());
        assertThat(accepted.status()).isEqualTo(201);
        assertThat(accepted.json().get("content").asString()).isEqualTo(emoji);

        Response tooLong = api.post("/api/posts", Map.of("content", "a".repeat(281)), alice.accessToken());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.contentType()).startsWith("application/problem+json");
        assertThat(tooLong.json().get("errors").findValuesAsString("field")).containsExactly("content");

        assertThat(api.post("/api/posts", Map.of("content", "a".repeat(280)), alice.accessToken())
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/posts", Map.of("content", "   "), alice.accessToken())
                        .status())
                .isEqualTo(400);
        assertThat(api.post("/api/posts", Map.of(), alice.accessToken()).status())
                .isEqualTo(400);
    }

    @Test
    void creatingAPostNeedsAToken() {
        Response anonymous = api.post("/api/posts", Map.of("content", "hi"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstPostWithoutADuplicateEvenConcurrently() {
        Session author = api.signUp("idem");
        String key = UUID.randomUUID().toString();
        Map<String, String> header = Map.of("Idempotency-Key", key);
        List<CompletableFuture<Response>> attempts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            attempts.add(CompletableFuture.supplyAsync(() ->
                    api.send("POST", "/api/posts", Map.of("content", "only once"), author.accessToken(), header)));
        }
        List<Response> responses =
                attempts.stream().map(CompletableFuture::join).toList();
        Response again = api.send("POST", "/api/posts", Map.of("content", "only once"), author.accessToken(), header);

        assertThat(responses)
                .allSatisfy(response -> assertThat(response.status()).isEqualTo(201));
        assertThat(again.status()).isEqualTo(201);
        assertThat(responses.stream()
                        .map(response -> response.json().get("id").asString())
                        .distinct())
                .containsExactly(again.json().get("id").asString());
        assertThat(api.get("/api/users/" + author.id() + "/posts")
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
        // the same key of another author is another post
        Response other = api.send("POST", "/api/posts", Map.of("content", "only once"), bob.accessToken(), header);
        assertThat(other.json().get("id").asString())
                .isNotEqualTo(again.json().get("id").asString());
    }

    @Test
    void unknownAndMalformedPostIdsAre404() {
        assertThat(api.get("/api/posts/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/posts/not-an-id").status()).isEqualTo(404);
        assertThat(api.get("/api/posts/" + UUID.randomUUID() + "/replies").status())
                .isEqualTo(404);
        Response unknownParent = api.post(
                "/api/posts",
                Map.of("content", "re", "replyToId", UUID.randomUUID().toString()),
                alice.accessToken());
        assertThat(unknownParent.status()).isEqualTo(404);
        assertThat(unknownParent.contentType()).startsWith("application/problem+json");
    }

    @Test
    void repliesArePagedOldestFirstEachExactlyOnceAndCountedOnTheParent() {
        JsonNode parent = post(api, alice, "a question");
        String parentId = parent.get("id").asString();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            written.add(reply(api, i % 2 == 0 ? bob : alice, parentId, "answer " + i)
                    .get("id")
                    .asString());
        }

        List<JsonNode> replies = walk(api, "/api/posts/" + parentId + "/replies", null, 5);

        assertThat(ids(replies)).containsExactlyElementsOf(written);
        assertThat(replies)
                .allSatisfy(
                        reply -> assertThat(reply.get("replyToId").asString()).isEqualTo(parentId));
        assertThat(api.get("/api/posts/" + parentId).json().get("replyCount").asLong())
                .isEqualTo(26);
    }

    @Test
    void onlyTheAuthorDeletesAndTheDeletedPostIsGoneAtOnceWhileItsRepliesStay() {
        String postId = post(api, alice, "short-lived").get("id").asString();
        String replyId = reply(api, bob, postId, "a reply that stays").get("id").asString();
        String repostId = api.post("/api/posts/" + postId + "/repost", null, bob.accessToken())
                .json()
                .get("id")
                .asString();

        Response notTheAuthor = api.delete("/api/posts/" + postId, bob.accessToken());
        assertThat(notTheAuthor.status()).isEqualTo(403);
        assertThat(notTheAuthor.contentType()).startsWith("application/problem+json");
        assertThat(api.delete("/api/posts/" + postId, null).status()).isEqualTo(401);

        assertThat(api.delete("/api/posts/" + postId, alice.accessToken()).status())
                .isEqualTo(204);

        assertThat(api.get("/api/posts/" + postId).status()).isEqualTo(404);
        assertThat(api.get("/api/posts/" + postId + "/replies").status()).isEqualTo(404);
        assertThat(api.delete("/api/posts/" + postId, alice.accessToken()).status())
                .isEqualTo(404);
        assertThat(api.get("/api/posts/" + repostId).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/timeline", alice.accessToken()).json())).doesNotContain(postId);
        assertThat(ids(api.get("/api/timeline", bob.accessToken()).json())).doesNotContain(postId, repostId);
        assertThat(ids(api.get("/api/users/" + bob.id() + "/posts").json()))
                .doesNotContain(repostId)
                .contains(replyId);
        Response reply = api.get("/api/posts/" + replyId);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("replyToId").asString()).isEqualTo(postId);
    }

    @Test
    void aDeletedReplyLeavesTheReplyListAndTheParentsCount() {
        String parentId = post(api, alice, "parent").get("id").asString();
        String keep = reply(api, bob, parentId, "keep").get("id").asString();
        String drop = reply(api, bob, parentId, "drop").get("id").asString();

        assertThat(api.delete("/api/posts/" + drop, bob.accessToken()).status()).isEqualTo(204);

        assertThat(ids(api.get("/api/posts/" + parentId + "/replies").json())).containsExactly(keep);
        assertThat(api.get("/api/posts/" + parentId).json().get("replyCount").asLong())
                .isEqualTo(1);
    }

    @Test
    void aRepostIs201OnceThen200WithTheSameRepostAndCarriesItsOriginal() {
        JsonNode original = post(api, alice, "worth sharing");
        String originalId = original.get("id").asString();

        Response first = api.post("/api/posts/" + originalId + "/repost", null, bob.accessToken());
        Response second = api.post("/api/posts/" + originalId + "/repost", null, bob.accessToken());

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location"))
                .isEqualTo("/api/posts/" + first.json().get("id").asString());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        JsonNode repost = first.json();
        assertThat(repost.get("content").asString()).isEmpty();
        assertThat(repost.get("author").get("id").asString()).isEqualTo(bob.id());
        assertThat(repost.get("repostedByMe").asBoolean()).isTrue();
        JsonNode nested = repost.get("repostOf");
        assertThat(nested.get("id").asString()).isEqualTo(originalId);
        assertThat(nested.get("author").get("username").asString()).isEqualTo(alice.username());
        assertThat(nested.get("content").asString()).isEqualTo("worth sharing");
        assertThat(nested.get("repostCount").asLong()).isEqualTo(1);
        assertThat(nested.get("repostedByMe").asBoolean()).isTrue();

        assertThat(api.get("/api/posts/" + originalId, bob.accessToken())
                        .json()
                        .get("repostedByMe")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/posts/" + originalId, alice.accessToken())
                        .json()
                        .get("repostedByMe")
                        .asBoolean())
                .isFalse();
        assertThat(api.get("/api/posts/" + originalId)
                        .json()
                        .get("repostedByMe")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void repostingARepostRepostsItsOriginal() {
        String originalId = post(api, alice, "chain").get("id").asString();
        String bobsRepost = api.post("/api/posts/" + originalId + "/repost", null, bob.accessToken())
                .json()
                .get("id")
                .asString();
        Session carol = api.signUp("carol");

        Response reposted = api.post("/api/posts/" + bobsRepost + "/repost", null, carol.accessToken());

        assertThat(reposted.status()).isEqualTo(201);
        assertThat(reposted.json().get("repostOf").get("id").asString()).isEqualTo(originalId);
        assertThat(api.get("/api/posts/" + originalId).json().get("repostCount").asLong())
                .isEqualTo(2);
    }

    @Test
    void undoingARepostRemovesItEverywhereAndIsIdempotent() {
        String originalId = post(api, alice, "undo me").get("id").asString();
        String repostId = api.post("/api/posts/" + originalId + "/repost", null, bob.accessToken())
                .json()
                .get("id")
                .asString();

        assertThat(api.delete("/api/posts/" + originalId + "/repost", bob.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/posts/" + originalId + "/repost", bob.accessToken())
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/posts/" + repostId).status()).isEqualTo(404);
        assertThat(ids(api.get("/api/users/" + bob.id() + "/posts").json())).doesNotContain(repostId);
        assertThat(ids(api.get("/api/timeline", bob.accessToken()).json())).doesNotContain(repostId);
        JsonNode original =
                api.get("/api/posts/" + originalId, bob.accessToken()).json();
        assertThat(original.get("repostCount").asLong()).isZero();
        assertThat(original.get("repostedByMe").asBoolean()).isFalse();
        // and reposting again is a new repost
        assertThat(api.post("/api/posts/" + originalId + "/repost", null, bob.accessToken())
                        .status())
                .isEqualTo(201);
    }

    @Test
    void repostsOfUnknownPostsAre404() {
        assertThat(api.post("/api/posts/" + UUID.randomUUID() + "/repost", null, bob.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/posts/" + UUID.randomUUID() + "/repost", bob.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/posts/" + UUID.randomUUID() + "/repost", null).status())
                .isEqualTo(401);
    }

    @Test
    void aPageOfPostsCarriesEveryAuthorsSummary() {
        Session carol = api.signUp("carol");
        String parentId = post(api, alice, "many voices").get("id").asString();
        Map<String, String> authorOf = new HashMap<>();
        for (Session author : List.of(alice, bob, carol)) {
            authorOf.put(reply(api, author, parentId, "voice").get("id").asString(), author.username());
        }

        JsonNode page = api.get("/api/posts/" + parentId + "/replies", carol.accessToken())
                .json();

        page.get("items")
                .forEach(item -> assertThat(item.get("author").get("username").asString())
                        .isEqualTo(authorOf.get(item.get("id").asString())));
    }
}
