package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.post;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** GET /api/hashtags/search (API.md, "Endpoints, added"): tag autocomplete by prefix, most posts first. */
class TagSearchE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void tagsStartingWithTheQueryInAnyCaseMostPostsInTheLastSevenDaysFirst() {
        String prefix = "ts" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Session ann = api.signUp("tag");
        Session ben = api.signUp("tag");
        post(api, ann, "#" + prefix + "_rust and #" + prefix + "Ruby");
        post(api, ben, "more #" + prefix.toUpperCase() + "_RUST");
        post(api, ben, "#x" + prefix + " is no match");

        JsonNode found = search("?q=" + prefix.toUpperCase() + "&limit=5");

        assertThat(found).hasSize(2);
        assertThat(found.get(0).get("tag").asString()).isEqualTo(prefix + "_rust");
        assertThat(found.get(0).get("posts").asLong()).isEqualTo(2);
        assertThat(found.get(0).get("authors").asLong()).isEqualTo(2);
        assertThat(found.get(1).get("tag").asString()).isEqualTo(prefix + "ruby");
        assertThat(tags(search("?q=" + prefix + "_"))).containsExactly(prefix + "_rust");
        assertThat(search("?q=" + prefix + "&limit=1")).hasSize(1);
    }

    @Test
    void aQueryWithAHashOrOf51CharactersOrNoneAndALimitOver20Are400() {
        for (String query : new String[] {
            "?q=" + URLEncoder.encode("#rust", StandardCharsets.UTF_8),
            "?q=" + "a".repeat(51),
            "?q=",
            "?q=rust&limit=21"
        }) {
            Response refused = api.get("/api/hashtags/search" + query);
            PasswordChangeE2EIT.assertProblem(refused, 400, "VALIDATION_FAILED");
        }
        PasswordChangeE2EIT.assertProblem(api.get("/api/hashtags/search"), 400, "MALFORMED_REQUEST");
        assertThat(api.get("/api/hashtags/search?q=" + "a".repeat(50)).status()).isEqualTo(200);
    }

    private static JsonNode search(String query) {
        Response answer = api.get("/api/hashtags/search" + query);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private static List<String> tags(JsonNode found) {
        List<String> tags = new ArrayList<>();
        found.forEach(tag -> tags.add(tag.get("tag").asString()));
        return tags;
    }
}
