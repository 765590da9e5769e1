package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Session;

/** Bookmarks through the gateway: idempotent, private, newest bookmark first, gone with their post. */
class BookmarksE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void bookmarksAreIdempotentListedNewestBookmarkFirstAndShowAsBookmarkedByMeOnlyToTheirOwner() {
        Session author = api.signUp("bm_author");
        Session reader = api.signUp("bm_reader");
        String first = Social.post(api, author, "first").get("id").asString();
        String second = Social.post(api, author, "second").get("id").asString();
        String third = Social.post(api, author, "third").get("id").asString();

        bookmark(reader, second);
        bookmark(reader, first);
        bookmark(reader, third);
        bookmark(reader, second); // a repeat keeps the first bookmark and its place

        List<JsonNode> bookmarks = Social.walk(api, "/api/bookmarks", reader.accessToken(), 2);
        assertThat(Social.ids(bookmarks)).containsExactly(third, first, second);
        assertThat(bookmarks).allSatisfy(post -> {
            assertThat(post.get("bookmarkedByMe").asBoolean()).isTrue();
            assertThat(post.get("author").get("username").asString()).isEqualTo(author.username());
        });
        assertThat(api.get("/api/posts/" + first, reader.accessToken())
                        .json()
                        .get("bookmarkedByMe")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/users/" + author.id() + "/posts", reader.accessToken())
                        .json()
                        .get("items")
                        .get(0)
                        .get("bookmarkedByMe")
                        .asBoolean())
                .isTrue();

        assertThat(api.delete("/api/posts/" + first + "/bookmark", reader.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/posts/" + first + "/bookmark", reader.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(Social.ids(Social.walk(api, "/api/bookmarks", reader.accessToken(), 2)))
                .containsExactly(third, second);
        assertThat(api.get("/api/posts/" + first, reader.accessToken())
                        .json()
                        .get("bookmarkedByMe")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void nobodyElseLearnsOfABookmark() {
        Session author = api.signUp("bm_priv");
        Session reader = api.signUp("bm_privr");
        Session other = api.signUp("bm_other");
        String postId = Social.post(api, author, "kept quietly").get("id").asString();
        bookmark(reader, postId);

        assertThat(Social.walk(api, "/api/bookmarks", other.accessToken(), 10)).isEmpty();
        assertThat(Social.walk(api, "/api/bookmarks", author.accessToken(), 10)).isEmpty();
        assertThat(api.get("/api/posts/" + postId, other.accessToken())
                        .json()
                        .get("bookmarkedByMe")
                        .asBoolean())
                .isFalse();
        assertThat(api.get("/api/posts/" + postId).json().get("bookmarkedByMe").asBoolean())
                .isFalse();
        assertThat(api.get("/api/timeline", author.accessToken())
                        .json()
                        .get("items")
                        .get(0)
                        .get("bookmarkedByMe")
                        .asBoolean())
                .isFalse();
        // and someone else's removal is not a way to reach it
        assertThat(api.delete("/api/posts/" + postId + "/bookmark", other.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(Social.ids(Social.walk(api, "/api/bookmarks", reader.accessToken(), 10)))
                .containsExactly(postId);
    }

    @Test
    void bookmarksNeedAKnownPostAndABearerToken() {
        Session reader = api.signUp("bm_404");
        Session author = api.signUp("bm_404a");
        String postId = Social.post(api, author, "exists").get("id").asString();
        String unknown = "0190a5b0-0000-7000-8000-00000000beef";

        GatewayBehaviourE2EIT.assertProblem(
                api.put("/api/posts/" + unknown + "/bookmark", null, reader.accessToken()), 404);
        GatewayBehaviourE2EIT.assertProblem(
                api.delete("/api/posts/" + unknown + "/bookmark", reader.accessToken()), 404);
        // an id that cannot exist is not found, as everywhere in paths
        GatewayBehaviourE2EIT.assertProblem(api.put("/api/posts/not-an-id/bookmark", null, reader.accessToken()), 404);
        GatewayBehaviourE2EIT.assertProblem(api.put("/api/posts/" + postId + "/bookmark", null, null), 401);
        GatewayBehaviourE2EIT.assertProblem(api.delete("/api/posts/" + postId + "/bookmark", null), 401);
        GatewayBehaviourE2EIT.assertProblem(api.get("/api/bookmarks"), 401);
        GatewayBehaviourE2EIT.assertProblem(api.get("/api/bookmarks?cursor=garbage", reader.accessToken()), 400);
        GatewayBehaviourE2EIT.assertProblem(api.get("/api/bookmarks?limit=0", reader.accessToken()), 400);
        assertThat(Social.walk(api, "/api/bookmarks", reader.accessToken(), 10)).isEmpty();
    }

    @Test
    void bookmarkingARepostBookmarksItsOriginal() {
        Session author = api.signUp("bm_orig");
        Session reposter = api.signUp("bm_rp");
        Session reader = api.signUp("bm_rpr");
        String original = Social.post(api, author, "original").get("id").asString();
        String repost = api.post("/api/posts/" + original + "/repost", Map.of(), reposter.accessToken())
                .json()
                .get("id")
                .asString();

        bookmark(reader, repost);

        assertThat(Social.ids(Social.walk(api, "/api/bookmarks", reader.accessToken(), 10)))
                .containsExactly(original);
        JsonNode seen = api.get("/api/posts/" + repost, reader.accessToken()).json();
        assertThat(seen.get("bookmarkedByMe").asBoolean()).isFalse();
        assertThat(seen.get("repostOf").get("bookmarkedByMe").asBoolean()).isTrue();

        assertThat(api.delete("/api/posts/" + repost + "/bookmark", reader.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(Social.walk(api, "/api/bookmarks", reader.accessToken(), 10)).isEmpty();
    }

    @Test
    void aDeletedPostLeavesEveryonesBookmarksAndCannotBeBookmarkedAgain() {
        Session author = api.signUp("bm_del");
        Session reader = api.signUp("bm_delr");
        String kept = Social.post(api, author, "kept").get("id").asString();
        String doomed = Social.post(api, author, "short-lived").get("id").asString();
        bookmark(reader, kept);
        bookmark(reader, doomed);

        assertThat(api.delete("/api/posts/" + doomed, author.accessToken()).status())
                .isEqualTo(204);

        // a page of one shows the kept post once like-service has dropped the bookmark itself
        // (before that, the page of the deleted post's bookmark would come back empty)
        Social.withinConvergence()
                .untilAsserted(() -> assertThat(Social.ids(api.get("/api/bookmarks?limit=1", reader.accessToken())
                                .json()))
                        .containsExactly(kept));
        assertThat(Social.ids(Social.walk(api, "/api/bookmarks", reader.accessToken(), 10)))
                .containsExactly(kept);
        GatewayBehaviourE2EIT.assertProblem(
                api.put("/api/posts/" + doomed + "/bookmark", null, reader.accessToken()), 404);
        GatewayBehaviourE2EIT.assertProblem(
                api.delete("/api/posts/" + doomed + "/bookmark", reader.accessToken()), 404);
    }

    private static void bookmark(Session user, String postId) {
        Api.Response response = api.put("/api/posts/" + postId + "/bookmark", null, user.accessToken());
        assertThat(response.status()).as("%s", response).isEqualTo(204);
    }
}
