package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/**
 * Text that would corrupt storage or mislead readers is refused at every entry with a 400
 * problem, and text that is kept is kept in one normal form (docs/API.md, "Validation rules").
 */
class TextInputE2EIT {
    private static final String DECOMPOSED = "Zoe\u0308"; // e + combining diaeresis
    private static final String COMPOSED = "Zo\u00EB";

    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void aNulInTheLoginUsernameOrPasswordIs400NotAServerError() {
        assertRefused(
                api.post("/api/auth/login", Map.of("username", "ali\u0000ce", "password", "a good password")),
                "username");
        Session user = api.signUp("txt_nul");
        assertRefused(
                api.post("/api/auth/login", Map.of("username", user.username(), "password", "pass\u0000word")),
                "password");
    }

    @Test
    void aNulOrABidiOverrideInARegistrationIs400AndCreatesNothing() {
        String name = "txt_" + System.nanoTime() % 1_000_000;
        assertRefused(
                api.post(
                        "/api/auth/register",
                        Map.of(
                                "username",
                                name,
                                "email",
                                name + "@example.com",
                                "password",
                                "pass\u0000word!",
                                "displayName",
                                "Mallory")),
                "password");
        assertRefused(
                api.post(
                        "/api/auth/register",
                        Map.of(
                                "username",
                                name,
                                "email",
                                name + "@example.com",
                                "password",
                                "a good password",
                                "displayName",
                                "admin\u202Egpj.exe")),
                "displayName");
        assertThat(api.get("/api/users/lookup?username=" + name).status()).isEqualTo(404);
    }

    @Test
    void aBidiOverrideOrAControlCharacterInADisplayNameOrBioIs400AndChangesNothing() {
        Session mallory = api.signUp("txt_bidi");
        assertRefused(
                api.patch("/api/users/me", Map.of("displayName", "\u202Eyrollam"), mallory.accessToken()),
                "displayName");
        assertRefused(api.patch("/api/users/me", Map.of("bio", "ring\u0007ring"), mallory.accessToken()), "bio");
        Response profile = api.get("/api/users/" + mallory.id(), mallory.accessToken());
        assertThat(profile.json().get("displayName").asString()).isEqualTo(mallory.username());
        assertThat(profile.json().get("bio").asString()).isEmpty();
    }

    @Test
    void aPostOfOnlyZeroWidthAndFillerCharactersIsEmpty() {
        Session author = api.signUp("txt_zw");
        assertRefused(api.post("/api/posts", Map.of("content", "\u200B\u200B\u200B"), author.accessToken()), "content");
        assertRefused(
                api.post("/api/posts", Map.of("content", "\u2060\uFEFF \u3164\u200D"), author.accessToken()),
                "content");
        assertThat(api.post("/api/posts", Map.of("content", "line one\nline two"), author.accessToken())
                        .status())
                .isEqualTo(201);
    }

    @Test
    void displayNamesBiosAndPostsAreStoredNfcNormalised() {
        Session author = api.signUp("txt_nfc");
        Response updated = api.patch(
                "/api/users/me", Map.of("displayName", DECOMPOSED, "bio", "I am " + DECOMPOSED), author.accessToken());
        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        Response profile = api.get("/api/users/" + author.id(), author.accessToken());
        assertThat(profile.json().get("displayName").asString()).isEqualTo(COMPOSED);
        assertThat(profile.json().get("bio").asString()).isEqualTo("I am " + COMPOSED);

        Response post = api.post("/api/posts", Map.of("content", "hello " + DECOMPOSED), author.accessToken());
        assertThat(post.status()).as("%s", post).isEqualTo(201);
        String id = post.json().get("id").asString();
        assertThat(api.get("/api/posts/" + id, author.accessToken())
                        .json()
                        .get("content")
                        .asString())
                .isEqualTo("hello " + COMPOSED);
    }

    @Test
    void aSearchQueryWithAControlCharacterIs400() {
        Session reader = api.signUp("txt_q");
        assertRefused(api.get("/api/users/search?q=al%00ice", reader.accessToken()), "q");
        assertRefused(api.get("/api/users/search?q=%E2%80%AEecila", reader.accessToken()), "q");
    }

    private static void assertRefused(Response response, String field) {
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body()).contains(field);
    }
}
