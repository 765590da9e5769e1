package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** Steps of the posts, follows and timeline suites: posting, following, walking pages. */
final class Social {
    /** What API.md promises for counts and other users' timelines on an idle system. */
    static final Duration CONVERGENCE = Duration.ofSeconds(2);

    private Social() {}

    static ConditionFactory withinConvergence() {
        return Awaitility.await()
                .atMost(CONVERGENCE)
                .pollInterval(Duration.ofMillis(50))
                .pollDelay(Duration.ZERO);
    }

    static JsonNode post(Api api, Session author, String content) {
        Response created = api.post("/api/posts", Map.of("content", content), author.accessToken());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    static JsonNode reply(Api api, Session author, String parentId, String content) {
        Response created =
                api.post("/api/posts", Map.of("content", content, "replyToId", parentId), author.accessToken());
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json();
    }

    static void follow(Api api, Session follower, Session followee) {
        Response followed = api.post("/api/users/" + followee.id() + "/follow", Map.of(), follower.accessToken());
        assertThat(followed.status()).as("%s", followed).isEqualTo(200);
    }

    static void unfollow(Api api, Session follower, Session followee) {
        assertThat(api.delete("/api/users/" + followee.id() + "/follow", follower.accessToken())
                        .status())
                .isEqualTo(204);
    }

    static JsonNode user(Api api, Session user) {
        return api.get("/api/users/" + user.id()).json();
    }

    /** Every item of a list, page by page with {@code limit}, as the client walks it. */
    static List<JsonNode> walk(Api api, String path, String token, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 1000; pages++) {
            String separator = path.contains("?") ? "&" : "?";
            Response page =
                    api.get(path + separator + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            JsonNode body = page.json();
            assertThat(body.get("items").size()).isLessThanOrEqualTo(limit);
            body.get("items").forEach(items::add);
            JsonNode next = body.get("nextCursor");
            if (next == null || next.isNull()) {
                return items;
            }
            cursor = java.net.URLEncoder.encode(next.asString(), java.nio.charset.StandardCharsets.UTF_8);
        }
        throw new AssertionError("no last page of " + path);
    }

    static List<String> ids(List<JsonNode> items) {
        return field(items, item -> item.get("id").asString());
    }

    static <T> List<T> field(List<JsonNode> items, Function<JsonNode, T> field) {
        return items.stream().map(field).toList();
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
