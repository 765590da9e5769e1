package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.e2e.Social.post;
import static social.gateway.e2e.Social.reply;
import static social.gateway.e2e.Social.withinConvergence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/**
 * GET /api/posts/{id}/context (API.md, "Endpoints, added"): the ancestors from the thread's root to
 * the direct parent (at most 40, deleted ones left out), the replies below depth first, each level
 * oldest first (at most 200); authors blocked either way left out, as in a replies list.
 */
class ThreadContextE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void aThreadsAncestorsRunRootFirstAndItsRepliesDepthFirstWithFullPosts() {
        Session ann = api.signUp("thr");
        Session ben = api.signUp("thr");
        String root = id(post(api, ann, "the root #threads"));
        String first = id(reply(api, ben, root, "first answer"));
        String second = id(reply(api, ann, root, "second answer"));
        String deeper = id(reply(api, ann, first, "deeper"));

        JsonNode ofDeeper = context(deeper, ben);
        assertThat(ids(ofDeeper.get("ancestors"))).containsExactly(root, first);
        assertThat(ofDeeper.get("descendants")).isEmpty();
        JsonNode ofRoot = context(root, null);
        assertThat(ids(ofRoot.get("ancestors"))).isEmpty();
        assertThat(ids(ofRoot.get("descendants"))).containsExactly(first, deeper, second);
        // whole Posts: authors, counts, personal flags
        JsonNode rootAbove = ofDeeper.get("ancestors").get(0);
        assertThat(rootAbove.get("author").get("username").asString()).isEqualTo(ann.username());
        assertThat(rootAbove.get("replyCount").asLong()).isEqualTo(2);
        assertThat(rootAbove.get("hashtags").get(0).asString()).isEqualTo("threads");
        assertThat(rootAbove.get("likedByMe").asBoolean()).isFalse();
    }

    @Test
    void aTwoHundredDeepChainShowsTheRootAndTheNearestAncestorsAndTwoHundredDescendants() {
        // three authors in turn: each stays within its own request budget (a burst of 100)
        List<Session> authors = List.of(api.signUp("thr"), api.signUp("thr"), api.signUp("thr"));
        List<String> chain = new ArrayList<>();
        chain.add(id(post(api, authors.get(0), "0")));
        for (int depth = 1; depth <= 201; depth++) {
            chain.add(id(reply(api, authors.get(depth % 3), chain.get(depth - 1), Integer.toString(depth))));
        }

        JsonNode ofLeaf = context(chain.get(201), null);
        List<String> above = new ArrayList<>(List.of(chain.get(0)));
        above.addAll(chain.subList(162, 201));
        assertThat(ids(ofLeaf.get("ancestors"))).hasSize(40).containsExactlyElementsOf(above);

        JsonNode ofRoot = context(chain.get(0), null);
        assertThat(ids(ofRoot.get("descendants"))).hasSize(200).containsExactlyElementsOf(chain.subList(1, 201));
        assertThat(ids(context(chain.get(100), null).get("descendants")))
                .containsExactlyElementsOf(chain.subList(101, 202));
    }

    @Test
    void aDeletedAncestorIsLeftOutAndTheRepliesBelowADeletedReplyStay() {
        Session ann = api.signUp("thr");
        String root = id(post(api, ann, "root"));
        String middle = id(reply(api, ann, root, "middle"));
        String leaf = id(reply(api, ann, middle, "leaf"));

        assertThat(api.delete("/api/posts/" + middle, ann.accessToken()).status())
                .isEqualTo(204);

        JsonNode ofLeaf = context(leaf, null);
        assertThat(ids(ofLeaf.get("ancestors"))).containsExactly(root);
        assertThat(ids(context(root, null).get("descendants"))).containsExactly(leaf);
        assertThat(api.get("/api/posts/" + middle + "/context").status()).isEqualTo(404);
    }

    @Test
    void repliesOfAnAuthorBlockedEitherWayAreLeftOutOfTheThread() {
        Session viewer = api.signUp("thr");
        Session blockedByViewer = api.signUp("thr");
        Session blockingViewer = api.signUp("thr");
        Session other = api.signUp("thr");
        String root = id(post(api, other, "root"));
        String fromBlocked = id(reply(api, blockedByViewer, root, "from someone the viewer blocks"));
        String fromBlocker = id(reply(api, blockingViewer, root, "from someone who blocks the viewer"));
        String answer = id(reply(api, other, fromBlocked, "an answer to it"));
        assertThat(api.put("/api/users/" + blockedByViewer.id() + "/block", null, viewer.accessToken())
                        .status())
                .isEqualTo(200);
        assertThat(api.put("/api/users/" + viewer.id() + "/block", null, blockingViewer.accessToken())
                        .status())
                .isEqualTo(200);

        withinConvergence()
                .untilAsserted(() -> assertThat(ids(context(root, viewer).get("descendants")))
                        .containsExactly(answer));
        assertThat(ids(context(answer, viewer).get("ancestors"))).containsExactly(root);
        // a third party sees the whole thread
        assertThat(ids(context(root, other).get("descendants"))).containsExactly(fromBlocked, answer, fromBlocker);
    }

    @Test
    void anUnknownOrMalformedPostIs404() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-an-id"}) {
            Response unknown = api.get("/api/posts/" + id + "/context");
            PasswordChangeE2EIT.assertProblem(unknown, 404, "NOT_FOUND");
        }
    }

    private static JsonNode context(String postId, Session caller) {
        Response answer = api.get("/api/posts/" + postId + "/context", caller == null ? null : caller.accessToken());
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    private static String id(JsonNode post) {
        return post.get("id").asString();
    }

    private static List<String> ids(JsonNode posts) {
        List<String> ids = new ArrayList<>();
        posts.forEach(post -> ids.add(post.get("id").asString()));
        return ids;
    }
}
