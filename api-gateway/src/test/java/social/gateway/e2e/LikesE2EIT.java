package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Session;

/** Likes through the gateway: idempotent, counted once, listed newest first, gone with their post. */
class LikesE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void likingIsIdempotentCountsOnceAndShowsAsLikedByMeOnlyToTheLiker() {
        Session author = api.signUp("lk_author");
        Session fan = api.signUp("lk_fan");
        String postId = Social.post(api, author, "like me").get("id").asString();

        assertThat(api.put("/api/posts/" + postId + "/like", null, fan.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.put("/api/posts/" + postId + "/like", null, fan.accessToken())
                        .status())
                .isEqualTo(204);

        JsonNode seenByFan = api.get("/api/posts/" + postId, fan.accessToken()).json();
        assertThat(seenByFan.get("likeCount").asLong()).isEqualTo(1);
        assertThat(seenByFan.get("likedByMe").asBoolean()).isTrue();
        assertThat(api.get("/api/posts/" + postId, author.accessToken())
                        .json()
                        .get("likedByMe")
                        .asBoolean())
                .isFalse();
        assertThat(api.get("/api/posts/" + postId).json().get("likedByMe").asBoolean())
                .isFalse();
        // the author's own timeline shows the like on the post too
        JsonNode inTimeline = api.get("/api/timeline", author.accessToken())
                .json()
                .get("items")
                .get(0);
        assertThat(inTimeline.get("likeCount").asLong()).isEqualTo(1);

        assertThat(api.delete("/api/posts/" + postId + "/like", fan.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.delete("/api/posts/" + postId + "/like", fan.accessToken())
                        .status())
                .isEqualTo(204);
        JsonNode afterUnlike =
                api.get("/api/posts/" + postId, fan.accessToken()).json();
        assertThat(afterUnlike.get("likeCount").asLong()).isZero();
        assertThat(afterUnlike.get("likedByMe").asBoolean()).isFalse();
    }

    @Test
    void likesNeedAKnownPostAndABearerToken() {
        Session fan = api.signUp("lk_404");
        String unknown = "0190a5b0-0000-7000-8000-00000000beef";
        GatewayBehaviourE2EIT.assertProblem(api.put("/api/posts/" + unknown + "/like", null, fan.accessToken()), 404);
        GatewayBehaviourE2EIT.assertProblem(api.delete("/api/posts/" + unknown + "/like", fan.accessToken()), 404);
        GatewayBehaviourE2EIT.assertProblem(api.get("/api/posts/" + unknown + "/likes"), 404);
        GatewayBehaviourE2EIT.assertProblem(api.put("/api/posts/" + unknown + "/like", null, null), 401);
    }

    @Test
    void theLikersOfAPostArePagedNewestLikeFirstExactlyOnce() {
        Session author = api.signUp("lk_many");
        String postId = Social.post(api, author, "popular").get("id").asString();
        List<Session> fans = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Session fan = api.signUp("lk_f" + i);
            assertThat(api.put("/api/posts/" + postId + "/like", null, fan.accessToken())
                            .status())
                    .isEqualTo(204);
            fans.add(fan);
        }

        List<JsonNode> likers = Social.walk(api, "/api/posts/" + postId + "/likes", null, 3);
        List<String> newestFirst =
                new java.util.ArrayList<>(fans.stream().map(Session::id).toList());
        java.util.Collections.reverse(newestFirst);
        assertThat(Social.ids(likers)).containsExactlyElementsOf(newestFirst);
        assertThat(likers.get(0).propertyNames()).containsExactlyInAnyOrder("id", "username", "displayName");
        assertThat(api.get("/api/posts/" + postId).json().get("likeCount").asLong())
                .isEqualTo(7);
    }

    @Test
    void likingARepostLikesItsOriginal() {
        Session author = api.signUp("lk_orig");
        Session reposter = api.signUp("lk_rp");
        Session fan = api.signUp("lk_rpfan");
        String original = Social.post(api, author, "original").get("id").asString();
        String repost = api.post("/api/posts/" + original + "/repost", Map.of(), reposter.accessToken())
                .json()
                .get("id")
                .asString();

        assertThat(api.put("/api/posts/" + repost + "/like", null, fan.accessToken())
                        .status())
                .isEqualTo(204);

        JsonNode seen = api.get("/api/posts/" + original, fan.accessToken()).json();
        assertThat(seen.get("likeCount").asLong()).isEqualTo(1);
        assertThat(seen.get("likedByMe").asBoolean()).isTrue();
        assertThat(api.get("/api/posts/" + repost, fan.accessToken())
                        .json()
                        .get("repostOf")
                        .get("likedByMe")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void aDeletedPostsLikesGoWithItAndItsLikesListIs404() {
        Session author = api.signUp("lk_del");
        Session fan = api.signUp("lk_delfan");
        String postId = Social.post(api, author, "short-lived").get("id").asString();
        api.put("/api/posts/" + postId + "/like", null, fan.accessToken());

        assertThat(api.delete("/api/posts/" + postId, author.accessToken()).status())
                .isEqualTo(204);

        GatewayBehaviourE2EIT.assertProblem(api.get("/api/posts/" + postId + "/likes"), 404);
        GatewayBehaviourE2EIT.assertProblem(api.put("/api/posts/" + postId + "/like", null, fan.accessToken()), 404);
    }

    @Test
    void everyNotificationTypeArrivesLiveFromRealActionsOnceAndNeverForOnesOwnActions() throws Exception {
        Session author = api.signUp("nf_author");
        Session fan = api.signUp("nf_fan");
        try (NotificationsE2EIT.SseClient authorStream =
                        NotificationsE2EIT.SseClient.open(api.base(), author.accessToken());
                NotificationsE2EIT.SseClient fanStream =
                        NotificationsE2EIT.SseClient.open(api.base(), fan.accessToken())) {
            // FOLLOW, and the fan asks to hear about the author's new posts
            assertThat(api.post("/api/users/" + author.id() + "/follow", Map.of("notify", true), fan.accessToken())
                            .status())
                    .isEqualTo(200);
            authorStream.expect("FOLLOW", fan, null);

            // NEW_POST to the notify-follower; liking one's own post notifies nobody
            String postId = Social.post(api, author, "news for @" + author.username())
                    .get("id")
                    .asString();
            UUID post = UUID.fromString(postId);
            fanStream.expect("NEW_POST", author, post);
            api.put("/api/posts/" + postId + "/like", null, author.accessToken());

            // LIKE once, however often it is liked, unliked and liked again
            api.put("/api/posts/" + postId + "/like", null, fan.accessToken());
            api.put("/api/posts/" + postId + "/like", null, fan.accessToken());
            authorStream.expect("LIKE", fan, post);
            api.delete("/api/posts/" + postId + "/like", fan.accessToken());
            api.put("/api/posts/" + postId + "/like", null, fan.accessToken());

            // REPLY (with a mention of the author: only the REPLY), REPOST, MENTION
            String replyId = Social.reply(api, fan, postId, "@" + author.username() + " indeed")
                    .get("id")
                    .asString();
            authorStream.expect("REPLY", fan, UUID.fromString(replyId));
            api.post("/api/posts/" + postId + "/repost", Map.of(), fan.accessToken());
            authorStream.expect("REPOST", fan, post);
            String mentionId = Social.post(
                            api, fan, "hello @" + author.username().toUpperCase())
                    .get("id")
                    .asString();
            authorStream.expect("MENTION", fan, UUID.fromString(mentionId));

            assertThat(authorStream.nothingMoreWithin(java.time.Duration.ofMillis(700)))
                    .isTrue();
            JsonNode listed =
                    api.get("/api/notifications", author.accessToken()).json();
            assertThat(Social.field(
                            Social.walk(api, "/api/notifications", author.accessToken(), 10),
                            item -> item.get("type").asString()))
                    .containsExactly("MENTION", "REPOST", "REPLY", "LIKE", "FOLLOW");
            assertThat(listed.get("items").get(0).get("actor").get("username").asString())
                    .isEqualTo(fan.username());
            assertThat(api.get("/api/notifications/unread-count", author.accessToken())
                            .json()
                            .get("count")
                            .asLong())
                    .isEqualTo(5);

            // deleting the post removes what points at it: LIKE and REPOST (the REPLY points at the reply, which stays)
            assertThat(api.delete("/api/posts/" + postId, author.accessToken()).status())
                    .isEqualTo(204);
            Social.withinConvergence()
                    .untilAsserted(() -> assertThat(Social.field(
                                    Social.walk(api, "/api/notifications", author.accessToken(), 10),
                                    item -> item.get("type").asString()))
                            .containsExactly("MENTION", "REPLY", "FOLLOW"));
            Social.withinConvergence()
                    .untilAsserted(() -> assertThat(Social.field(
                                    Social.walk(api, "/api/notifications", fan.accessToken(), 10),
                                    item -> item.get("type").asString()))
                            .doesNotContain("NEW_POST"));
        }
    }
}
