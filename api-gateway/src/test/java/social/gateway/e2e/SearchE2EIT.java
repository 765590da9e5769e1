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

/** Post search through the gateway (API.md: /api/search/posts). */
class SearchE2EIT {
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
    void allWordsMustMatchInAnyCaseByTheirStemsNewestFirstWithoutReposts() {
        String word = unique();
        List<String> matching = new ArrayList<>();
        matching.add(post(api, alice, "Rabbits were running " + word).get("id").asString());
        post(api, bob, "a dog is running " + word);
        matching.add(post(api, bob, "one RABBIT runs " + word).get("id").asString());
        assertThat(api.post("/api/posts/" + matching.get(0) + "/repost", null, bob.accessToken())
                        .status())
                .isEqualTo(201);

        List<JsonNode> found = walk(api, "/api/search/posts?q=" + encode("rabbit RUNNING " + word), null, 1);

        Collections.reverse(matching);
        assertThat(ids(found)).containsExactlyElementsOf(matching);
        assertThat(found.get(0).get("author").get("username").asString()).isEqualTo(bob.username());
    }

    @Test
    void tagAndMentionTermsFilter() {
        String word = unique();
        String tag = "t" + unique();
        String tagged = post(api, alice, "news " + word + " #" + tag).get("id").asString();
        String mentioning = post(api, alice, "news " + word + " @" + bob.username())
                .get("id")
                .asString();
        post(api, alice, "news " + word);

        assertThat(ids(api.get("/api/search/posts?q=" + encode(word + " #" + tag.toUpperCase()))
                        .json()))
                .containsExactly(tagged);
        assertThat(ids(api.get("/api/search/posts?q="
                                + encode(word + " @" + bob.username().toUpperCase()))
                        .json()))
                .containsExactly(mentioning);
        assertThat(ids(api.get("/api/search/posts?q=" + encode("#" + tag), bob.accessToken())
                        .json()))
                .containsExactly(tagged);
    }

    @Test
    void aDeletedPostIsFoundNoMore() {
        String word = unique();
        String kept = post(api, alice, "kept " + word).get("id").asString();
        String doomed = post(api, alice, "doomed " + word).get("id").asString();

        assertThat(api.delete("/api/posts/" + doomed, alice.accessToken()).status())
                .isEqualTo(204);

        assertThat(ids(api.get("/api/search/posts?q=" + word).json())).containsExactly(kept);
    }

    @Test
    void anEmptyOverlongOrControlCharacterQueryIs400() {
        for (String query : List.of("", "q=", "q=%20%20", "q=" + "x".repeat(101), "q=a%00b", "q=a%0Ab")) {
            Response refused = api.get("/api/search/posts?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/search/posts?q=" + "x".repeat(100)).status()).isEqualTo(200);
    }

    private static String unique() {
        StringBuilder word = new StringBuilder("q");
        for (char c :
                UUID.randomUUID().toString().replace("-", "").substring(0, 12).toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return word.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
