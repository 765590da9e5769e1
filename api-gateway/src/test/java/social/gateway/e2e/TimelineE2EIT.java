package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.follow;
import static social.gateway.e2e.Social.ids;
import static social.gateway.e2e.Social.post;
import static social.gateway.e2e.Social.unfollow;
import static social.gateway.e2e.Social.user;
import static social.gateway.e2e.Social.walk;
import static social.gateway.e2e.Social.withinConvergence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** The home timeline and a user's posts (API.md: /api/timeline, /api/users/{id}/posts). */
class TimelineE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void theTimelineNeedsAToken() {
        Response anonymous = api.get("/api/timeline");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void ownPostsAreInOwnTimelineAtOnceAndPostsCountConverges() {
        Session writer = api.signUp("writer");
        String id = post(api, writer, "mine").get("id").asString();

        assertThat(ids(api.get("/api/timeline", writer.accessToken()).json())).containsExactly(id);
        withinConvergence().until(() -> user(api, writer).get("postsCount").asLong() == 1);
    }

    @Test
    void followingBringsTheFolloweesOlderPostsAndUnfollowingTakesThemAway() {
        Session reader = api.signUp("reader");
        Session author = api.signUp("author");
        String older = post(api, author, "written before the follow").get("id").asString();
        String own = post(api, reader, "reader's own").get("id").asString();

        follow(api, reader, author);
        withinConvergence()
                .untilAsserted(() -> assertThat(ids(
                                api.get("/api/timeline", reader.accessToken()).json()))
                        .containsExactly(own, older));
        String newer = post(api, author, "written after the follow").get("id").asString();
        assertThat(ids(api.get("/api/timeline", reader.accessToken()).json())).containsExactly(newer, own, older);

        unfollow(api, reader, author);
        withinConvergence()
                .untilAsserted(() -> assertThat(ids(
                                api.get("/api/timeline", reader.accessToken()).json()))
                        .containsExactly(own));
    }

    @Test
    void theTimelineIsPagedNewestFirstEachPostExactlyOnceWhileNewPostsArrive() {
        Session reader = api.signUp("pager");
        Session a = api.signUp("pa");
        Session b = api.signUp("pb");
        follow(api, reader, a);
        follow(api, reader, b);
        withinConvergence()
                .until(() -> api.get("/api/users/" + reader.id() + "/following")
                                .json()
                                .get("items")
                                .size()
                        == 2);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            Session author = List.of(a, b, reader).get(i % 3);
            written.add(post(api, author, "post " + i).get("id").asString());
        }
        Collections.reverse(written);
        withinConvergence()
                .until(() -> ids(api.get("/api/timeline?limit=100", reader.accessToken())
                                        .json())
                                .size()
                        == 27);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(
                            "/api/timeline?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), reader.accessToken())
                    .json();
            seen.addAll(ids(page));
            // a post arriving mid-walk goes on top, never into the pages still to come
            post(api, a, "arrives while paging");
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(written);
    }

    @Test
    void repostsAppearInTheTimelineWithTheirOriginal() {
        Session reader = api.signUp("rr");
        Session reposter = api.signUp("rp");
        Session stranger = api.signUp("rs");
        String original = post(api, stranger, "from a stranger").get("id").asString();
        follow(api, reader, reposter);
        String repost = api.post("/api/posts/" + original + "/repost", null, reposter.accessToken())
                .json()
                .get("id")
                .asString();

        withinConvergence().untilAsserted(() -> {
            JsonNode timeline = api.get("/api/timeline", reader.accessToken()).json();
            assertThat(ids(timeline)).containsExactly(repost);
            JsonNode item = timeline.get("items").get(0);
            assertThat(item.get("author").get("id").asString()).isEqualTo(reposter.id());
            assertThat(item.get("repostOf").get("id").asString()).isEqualTo(original);
            assertThat(item.get("repostOf").get("author").get("username").asString())
                    .isEqualTo(stranger.username());
        });
        // the reposter sees its own repost at once
        assertThat(ids(api.get("/api/timeline", reposter.accessToken()).json())).containsExactly(repost);
    }

    @Test
    void aUsersPostsArePagedNewestFirstWithRepostsAndTheCallersState() {
        Session author = api.signUp("up");
        Session viewer = api.signUp("uv");
        String viewersPost = post(api, viewer, "viewer's post").get("id").asString();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            written.add(post(api, author, "p" + i).get("id").asString());
        }
        written.add(api.post("/api/posts/" + viewersPost + "/repost", null, author.accessToken())
                .json()
                .get("id")
                .asString());
        Collections.reverse(written);

        List<JsonNode> anonymous = walk(api, "/api/users/" + author.id() + "/posts", null, 6);
        assertThat(ids(anonymous)).containsExactlyElementsOf(written);
        assertThat(anonymous.get(0).get("repostOf").get("id").asString()).isEqualTo(viewersPost);
        assertThat(anonymous)
                .allSatisfy(
                        item -> assertThat(item.get("repostedByMe").asBoolean()).isFalse());

        assertThat(api.post("/api/posts/" + written.get(1) + "/repost", null, viewer.accessToken())
                        .status())
                .isEqualTo(201);
        JsonNode personal = api.get("/api/users/" + author.id() + "/posts?limit=2", viewer.accessToken())
                .json();
        assertThat(personal.get("items").get(1).get("repostedByMe").asBoolean()).isTrue();
        assertThat(personal.get("items").get(1).get("repostCount").asLong()).isEqualTo(1);

        withinConvergence().until(() -> user(api, author).get("postsCount").asLong() == 26);
    }

    @Test
    void postsOfAnUnknownUserAre404AndAnInvalidTokenIs401() {
        assertThat(api.get("/api/users/" + UUID.randomUUID() + "/posts").status())
                .isEqualTo(404);
        assertThat(api.get("/api/users/" + UUID.randomUUID() + "/posts", "not.a.token")
                        .status())
                .isEqualTo(401);
    }
}
