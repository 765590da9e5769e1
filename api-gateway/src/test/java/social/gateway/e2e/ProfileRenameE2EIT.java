package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/**
 * Every gateway instance keeps its own copy of user summaries (the names on posts, followers,
 * likers, notifications): a rename must still show everywhere, at once through the gateway that
 * took it and within moments through any other (the {@code user.profile-updated} event).
 */
class ProfileRenameE2EIT {
    /** The gateway that takes the rename. */
    private static Api api;

    private static Api otherGateway;

    @BeforeAll
    static void stack() {
        List<URI> gateways = Stack.get().gateways();
        api = new Api(gateways.get(0));
        otherGateway = new Api(
                gateways.size() > 1 ? gateways.get(1) : Stack.get().startInstance("api-gateway", "renames", Map.of()));
    }

    @Test
    void aRenameShowsOnTheAuthorsPostsAtOnceForTheAuthorAndSoonForOthersThroughAnyGateway() {
        Session alice = api.signUp("ren_alice");
        Session bob = api.signUp("ren_bob");
        String post = "/api/posts/"
                + Social.post(api, alice, "before the rename").get("id").asString();
        String alicesPosts = "/api/users/" + alice.id() + "/posts";
        // both gateways have seen alice under her first name
        assertThat(authorName(api.get(post, bob.accessToken()))).isEqualTo(alice.username());
        assertThat(authorName(otherGateway.get(post, bob.accessToken()))).isEqualTo(alice.username());
        assertThat(newestAuthorName(otherGateway.get(alicesPosts, bob.accessToken())))
                .isEqualTo(alice.username());

        Response renamed = api.patch("/api/users/me", Map.of("displayName", "Alice Renamed"), alice.accessToken());
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);

        assertThat(newestAuthorName(api.get(alicesPosts, alice.accessToken()))).isEqualTo("Alice Renamed");
        assertThat(authorName(api.get(post, alice.accessToken()))).isEqualTo("Alice Renamed");
        Social.withinConvergence().untilAsserted(() -> {
            assertThat(authorName(otherGateway.get(post, bob.accessToken()))).isEqualTo("Alice Renamed");
            assertThat(newestAuthorName(otherGateway.get(alicesPosts, bob.accessToken())))
                    .isEqualTo("Alice Renamed");
        });
    }

    private static String authorName(Response post) {
        assertThat(post.status()).as("%s", post).isEqualTo(200);
        return authorName(post.json());
    }

    private static String newestAuthorName(Response page) {
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return authorName(page.json().get("items").get(0));
    }

    private static String authorName(JsonNode post) {
        return post.get("author").get("displayName").asString();
    }
}
