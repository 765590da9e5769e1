package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.follow;
import static social.gateway.e2e.Social.ids;
import static social.gateway.e2e.Social.unfollow;
import static social.gateway.e2e.Social.user;
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

/** Following users, relationships, the follower lists and the profile counters (API.md: /api/users/{id}/...). */
class FollowsE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void followAnswersTheRelationshipAndIsIdempotent() {
        Session ann = api.signUp("ann");
        Session ben = api.signUp("ben");

        Response first = api.post("/api/users/" + ben.id() + "/follow", Map.of("notify", true), ann.accessToken());
        Response again = api.post("/api/users/" + ben.id() + "/follow", null, ann.accessToken());

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().propertyNames())
                .containsExactlyInAnyOrder("following", "followedBy", "notify", "blocking", "blockedBy", "muting");
        assertThat(first.json().get("following").asBoolean()).isTrue();
        assertThat(first.json().get("followedBy").asBoolean()).isFalse();
        assertThat(first.json().get("notify").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("notify").asBoolean())
                .as("a repeat without notify leaves it")
                .isTrue();

        JsonNode fromBen = api.get("/api/users/" + ann.id() + "/relationship", ben.accessToken())
                .json();
        assertThat(fromBen.get("following").asBoolean()).isFalse();
        assertThat(fromBen.get("followedBy").asBoolean()).isTrue();
        assertThat(fromBen.get("notify").asBoolean()).isFalse();

        withinConvergence().untilAsserted(() -> {
            assertThat(user(api, ben).get("followersCount").asLong()).isEqualTo(1);
            assertThat(user(api, ann).get("followingCount").asLong()).isEqualTo(1);
        });
    }

    @Test
    void followIsRefusedForOneselfAndUnknownUsers() {
        Session solo = api.signUp("solo");
        Response self = api.post("/api/users/" + solo.id() + "/follow", null, solo.accessToken());
        assertThat(self.status()).isEqualTo(400);
        assertThat(self.contentType()).startsWith("application/problem+json");
        assertThat(api.post("/api/users/" + UUID.randomUUID() + "/follow", null, solo.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/users/" + UUID.randomUUID() + "/follow", solo.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/users/" + UUID.randomUUID() + "/relationship", solo.accessToken())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/users/" + UUID.randomUUID() + "/followers").status())
                .isEqualTo(404);
        assertThat(api.get("/api/users/" + UUID.randomUUID() + "/following").status())
                .isEqualTo(404);
        assertThat(api.post("/api/users/" + solo.id() + "/follow", null).status())
                .isEqualTo(401);
        assertThat(api.get("/api/users/" + solo.id() + "/relationship", null).status())
                .isEqualTo(401);
    }

    @Test
    void notifyIsSwitchedOnlyWhileFollowing() {
        Session fan = api.signUp("fan");
        Session star = api.signUp("star");
        String path = "/api/users/" + star.id() + "/follow/notify";

        assertThat(api.put(path, Map.of("enabled", true), fan.accessToken()).status())
                .isEqualTo(404);
        follow(api, fan, star);
        Response on = api.put(path, Map.of("enabled", true), fan.accessToken());
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().get("notify").asBoolean()).isTrue();
        assertThat(on.json().get("following").asBoolean()).isTrue();
        Response off = api.put(path, Map.of("enabled", false), fan.accessToken());
        assertThat(off.json().get("notify").asBoolean()).isFalse();
        assertThat(api.put(path, "{\"enabled\":\"maybe\"}", fan.accessToken()).status())
                .isEqualTo(400);
    }

    @Test
    void unfollowIsIdempotentAndCountersConvergeWithoutGoingNegative() {
        Session a = api.signUp("unf");
        Session b = api.signUp("unf");
        follow(api, a, b);
        withinConvergence().until(() -> user(api, b).get("followersCount").asLong() == 1);

        unfollow(api, a, b);
        unfollow(api, a, b);
        follow(api, a, b);
        unfollow(api, a, b);

        JsonNode relationship = api.get("/api/users/" + b.id() + "/relationship", a.accessToken())
                .json();
        assertThat(relationship.get("following").asBoolean()).isFalse();
        withinConvergence().untilAsserted(() -> {
            assertThat(user(api, b).get("followersCount").asLong()).isZero();
            assertThat(user(api, a).get("followingCount").asLong()).isZero();
        });
    }

    @Test
    void followerAndFollowingListsArePagedNewestFollowFirstEachExactlyOnce() {
        Session celebrity = api.signUp("celeb");
        List<Session> fans = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            Session fan = api.signUp("fan" + i);
            follow(api, fan, celebrity);
            follow(api, celebrity, fan);
            fans.add(fan);
        }
        List<String> newestFirst =
                new ArrayList<>(fans.stream().map(Session::id).toList());
        java.util.Collections.reverse(newestFirst);

        List<JsonNode> followers = walk(api, "/api/users/" + celebrity.id() + "/followers", null, 7);
        List<JsonNode> following = walk(api, "/api/users/" + celebrity.id() + "/following", null, 7);

        assertThat(ids(followers)).containsExactlyElementsOf(newestFirst);
        assertThat(ids(following)).containsExactlyElementsOf(newestFirst);
        assertThat(followers.get(0).propertyNames()).containsExactlyInAnyOrder("id", "username", "displayName");
        assertThat(followers.get(0).get("username").asString())
                .isEqualTo(fans.get(25).username());
        assertThat(api.get("/api/users/" + celebrity.id() + "/followers?limit=1000")
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(26);
        withinConvergence().untilAsserted(() -> {
            JsonNode profile = user(api, celebrity);
            assertThat(profile.get("followersCount").asLong()).isEqualTo(26);
            assertThat(profile.get("followingCount").asLong()).isEqualTo(26);
        });
    }
}
