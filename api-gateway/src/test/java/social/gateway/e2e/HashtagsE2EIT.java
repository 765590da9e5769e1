package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.ids;
import static social.gateway.e2e.Social.post;
import static social.gateway.e2e.Social.walk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** Tag pages and trending tags through the gateway (API.md: /api/hashtags/...). */
class HashtagsE2EIT {
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
    void aPostShowsItsTagsAndATagPageListsItsPostsNewestFirstInAnyCaseWithoutReposts() {
        String tag = "café" + unique();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JsonNode post = post(api, i % 2 == 0 ? alice : bob, "word " + i + " #" + tag.toUpperCase() + " #日本");
            assertThat(post.get("hashtags").toString()).isEqualTo("[\"" + tag + "\",\"日本\"]");
            written.add(post.get("id").asString());
        }
        Response repost = api.post("/api/posts/" + written.get(0) + "/repost", null, bob.accessToken());
        assertThat(repost.status()).isEqualTo(201);
        assertThat(repost.json().get("hashtags").isEmpty()).isTrue();

        List<JsonNode> page = walk(api, "/api/hashtags/" + encode(tag.toUpperCase()) + "/posts", null, 2);

        Collections.reverse(written);
        assertThat(ids(page)).containsExactlyElementsOf(written);
        assertThat(page.get(0).get("author").get("id").asString()).isEqualTo(alice.id());
    }

    @Test
    void somethingThatIsNoTagIs400() {
        for (String notATag : List.of("123", "x".repeat(51), "a-b", "a%20b", "%23java")) {
            Response refused = api.get("/api/hashtags/" + notATag + "/posts");
            assertThat(refused.status()).as(notATag).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void trendingRanksByDistinctAuthorsThenPosts() {
        String crowd = "crowd" + unique();
        String prolific = "prolific" + unique();
        Session carol = api.signUp("carol");
        for (Session author : List.of(alice, bob, carol)) {
            post(api, author, "#" + crowd);
        }
        for (int i = 0; i < 4; i++) {
            post(api, carol, "again #" + prolific);
        }

        List<String> trending = tags(api.get("/api/hashtags/trending?window=1h&limit=20"));

        assertThat(trending).contains(crowd, prolific);
        assertThat(trending.indexOf(crowd)).isLessThan(trending.indexOf(prolific));
        JsonNode crowdCount = count(api.get("/api/hashtags/trending?limit=20"), crowd);
        assertThat(crowdCount.propertyNames()).containsExactlyInAnyOrder("tag", "posts", "authors");
        assertThat(crowdCount.get("posts").asLong()).isEqualTo(3);
        assertThat(crowdCount.get("authors").asLong()).isEqualTo(3);
        assertThat(count(api.get("/api/hashtags/trending?window=7d&limit=20"), prolific)
                        .get("posts")
                        .asLong())
                .isEqualTo(4);
    }

    @Test
    void anUnknownWindowOrALimitOutOfRangeIs400() {
        for (String query : List.of("window=2h", "window=", "limit=21", "limit=0", "limit=ten")) {
            Response refused = api.get("/api/hashtags/trending?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/hashtags/trending?window=7d&limit=20").status())
                .isEqualTo(200);
    }

    @Test
    void aDeletedPostLeavesItsTagPageAndTheTrendingCounts() {
        String tag = "doomed" + unique();
        String kept = post(api, alice, "kept #" + tag).get("id").asString();
        String doomed = post(api, bob, "doomed #" + tag).get("id").asString();
        assertThat(count(api.get("/api/hashtags/trending?window=1h&limit=20"), tag)
                        .get("authors")
                        .asLong())
                .isEqualTo(2);

        assertThat(api.delete("/api/posts/" + doomed, bob.accessToken()).status())
                .isEqualTo(204);

        assertThat(ids(api.get("/api/hashtags/" + tag + "/posts").json())).containsExactly(kept);
        JsonNode count = count(api.get("/api/hashtags/trending?window=1h&limit=20"), tag);
        assertThat(count.get("posts").asLong()).isEqualTo(1);
        assertThat(count.get("authors").asLong()).isEqualTo(1);
    }

    private static List<String> tags(Response trending) {
        assertThat(trending.status()).as("%s", trending).isEqualTo(200);
        List<String> tags = new ArrayList<>();
        trending.json().forEach(count -> tags.add(count.get("tag").asString()));
        return tags;
    }

    private static JsonNode count(Response trending, String tag) {
        assertThat(trending.status()).as("%s", trending).isEqualTo(200);
        for (JsonNode count : trending.json()) {
            if (count.get("tag").asString().equals(tag)) {
                return count;
            }
        }
        throw new AssertionError(tag + " is not trending: " + trending.body());
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
