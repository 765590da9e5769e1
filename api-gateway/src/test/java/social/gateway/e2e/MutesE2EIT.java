package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.BlocksE2EIT.actors;
import static social.gateway.e2e.BlocksE2EIT.authorOf;
import static social.gateway.e2e.BlocksE2EIT.authors;
import static social.gateway.e2e.BlocksE2EIT.encode;
import static social.gateway.e2e.BlocksE2EIT.flags;
import static social.gateway.e2e.BlocksE2EIT.originalAuthorOf;
import static social.gateway.e2e.Social.follow;
import static social.gateway.e2e.Social.ids;
import static social.gateway.e2e.Social.post;
import static social.gateway.e2e.Social.reply;
import static social.gateway.e2e.Social.walk;
import static social.gateway.e2e.Social.withinConvergence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/**
 * Mutes through the gateway (API.md "Blocks, mutes, leaving"; issue 14): only the muter's view
 * changes. The muted user's posts and reposts leave the muter's home timeline, tag pages and
 * search (replies stay), their notifications to the muter are not created, following stays, and
 * the muted user is told nothing and can still do everything.
 */
class MutesE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void aMuteKeepsTheFollowAndIsInvisibleToTheMuted() {
        Session ann = api.signUp("mut");
        Session ben = api.signUp("mut");
        follow(api, ann, ben);
        follow(api, ben, ann);

        Response muted = mute(ann, ben);
        Response again = mute(ann, ben);

        assertThat(muted.status()).as("%s", muted).isEqualTo(200);
        assertThat(flags(muted.json())).containsExactly(true, true, false, false, false, true);
        assertThat(flags(again.json())).containsExactly(true, true, false, false, false, true);
        Response fromBen = api.get("/api/users/" + ann.id() + "/relationship", ben.accessToken());
        assertThat(flags(fromBen.json()))
                .as("the muted user sees nothing of it")
                .containsExactly(true, true, false, false, false, false);

        Response unmuted = api.delete("/api/users/" + ben.id() + "/mute", ann.accessToken());
        assertThat(flags(unmuted.json())).containsExactly(true, true, false, false, false, false);
        assertThat(api.delete("/api/users/" + ben.id() + "/mute", ann.accessToken())
                        .status())
                .as("idempotent")
                .isEqualTo(200);
    }

    @Test
    void theMutedUsersPostsAndRepostsLeaveTheMutersTimelineTagPagesAndSearch() {
        Session ann = api.signUp("mut");
        Session ben = api.signUp("mut");
        Session cat = api.signUp("mut");
        String tag = "mut" + UUID.randomUUID().toString().substring(0, 8);
        follow(api, ann, ben);
        follow(api, ann, cat);
        String catsPost = post(api, cat, "cat writes #" + tag).get("id").asString();
        assertThat(mute(ann, ben).status()).isEqualTo(200);

        String bensPost = post(api, ben, "ben writes #" + tag).get("id").asString();
        String bensReply =
                reply(api, ben, catsPost, "ben answers #" + tag).get("id").asString();
        repost(ben, catsPost); // ben's repost of cat's post
        repost(cat, bensPost); // cat's repost of ben's post

        withinConvergence().untilAsserted(() -> {
            List<JsonNode> timeline = walk(api, "/api/timeline", ann.accessToken(), 50);
            assertThat(timeline).noneSatisfy(item -> assertThat(authorOf(item)).isEqualTo(ben.id()));
            assertThat(timeline)
                    .noneSatisfy(item -> assertThat(originalAuthorOf(item)).isEqualTo(ben.id()));
            assertThat(ids(timeline)).contains(catsPost);
        });
        assertThat(authors(walk(api, "/api/hashtags/" + tag + "/posts", ann.accessToken(), 10)))
                .containsExactly(cat.id());
        assertThat(authors(walk(api, "/api/search/posts?q=" + encode("#" + tag), ann.accessToken(), 10)))
                .containsExactly(cat.id());
        assertThat(ids(walk(api, "/api/posts/" + catsPost + "/replies", ann.accessToken(), 10)))
                .as("replies stay as they are")
                .containsExactly(bensReply);
        // everyone else, ben included, sees it all
        for (Session other : List.of(ben, cat)) {
            assertThat(authors(walk(api, "/api/hashtags/" + tag + "/posts", other.accessToken(), 10)))
                    .contains(ben.id(), cat.id());
        }
        assertThat(walk(api, "/api/timeline", ben.accessToken(), 50))
                .anySatisfy(item -> assertThat(authorOf(item)).isEqualTo(ben.id()));

        api.delete("/api/users/" + ben.id() + "/mute", ann.accessToken());
        withinConvergence()
                .untilAsserted(() -> assertThat(ids(walk(api, "/api/timeline", ann.accessToken(), 50)))
                        .as("an unmute shows the posts again")
                        .contains(bensPost));
    }

    @Test
    void theMutedUserStillActsButTheirNotificationsToTheMuterAreNotCreated() {
        Session ann = api.signUp("mut");
        Session ben = api.signUp("mut");
        Session cat = api.signUp("mut");
        String annsPost = post(api, ann, "ann writes").get("id").asString();
        assertThat(mute(ann, ben).status()).isEqualTo(200);

        // after the mute has reached notification-service: a marker from cat first, then ben's actions
        withinConvergence()
                .untilAsserted(() -> assertThat(api.get("/api/mutes", ann.accessToken())
                                .json()
                                .get("items")
                                .size())
                        .isEqualTo(1));
        assertThat(api.put("/api/posts/" + annsPost + "/like", null, ben.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/posts", Map.of("content", "quoting", "quoteOfId", annsPost), ben.accessToken())
                        .status())
                .isEqualTo(201);
        reply(api, ben, annsPost, "ben answers @" + ann.username());
        repost(ben, annsPost);
        assertThat(api.put("/api/posts/" + annsPost + "/bookmark", null, ben.accessToken())
                        .status())
                .isEqualTo(204);
        follow(api, ben, ann);
        assertThat(api.put("/api/posts/" + annsPost + "/like", null, cat.accessToken())
                        .status())
                .isEqualTo(204);

        withinConvergence().untilAsserted(() -> assertThat(actors(api, ann)).contains(cat.id()));
        assertThat(actors(api, ann)).containsExactly(cat.id());
        JsonNode post = api.get("/api/posts/" + annsPost, ben.accessToken()).json();
        assertThat(post.get("likedByMe").asBoolean()).isTrue();
        assertThat(post.get("repostedByMe").asBoolean()).isTrue();
        withinConvergence()
                .untilAsserted(() -> assertThat(api.get("/api/posts/" + annsPost)
                                .json()
                                .get("likeCount")
                                .asLong())
                        .isEqualTo(2));
    }

    @Test
    void theMuteListIsPagedNewestFirstAndRefusesSelfUnknownAndAnonymous() {
        Session owner = api.signUp("mut");
        List<Session> muted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session other = api.signUp("mut" + i);
            assertThat(mute(owner, other).status()).isEqualTo(200);
            muted.add(other);
        }

        assertThat(ids(walk(api, "/api/mutes", owner.accessToken(), 2)))
                .containsExactly(
                        muted.get(2).id(), muted.get(1).id(), muted.get(0).id());
        assertThat(walk(api, "/api/mutes", muted.get(0).accessToken(), 2)).isEmpty();
        Response self = mute(owner, owner);
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.contentType()).startsWith("application/problem+json");
        String unknown = "/api/users/" + UUID.randomUUID() + "/mute";
        assertThat(api.put(unknown, null, owner.accessToken()).status()).isEqualTo(404);
        assertThat(api.delete(unknown, owner.accessToken()).status()).isEqualTo(404);
        assertThat(api.put("/api/users/" + owner.id() + "/mute", null, null).status())
                .isEqualTo(401);
        assertThat(api.get("/api/mutes", null).status()).isEqualTo(401);
    }

    private Response mute(Session muter, Session muted) {
        return api.put("/api/users/" + muted.id() + "/mute", null, muter.accessToken());
    }

    private void repost(Session who, String postId) {
        assertThat(api.post("/api/posts/" + postId + "/repost", null, who.accessToken())
                        .status())
                .isEqualTo(201);
    }
}
