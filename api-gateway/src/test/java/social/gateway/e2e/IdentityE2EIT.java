package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** The identity endpoints of API.md, driven through the gateway as a client would. */
class IdentityE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void registerAnswers201WithTheUserAndItsLocationAndTheProfileIsReadableAtOnce() {
        String username = "reg_" + System.nanoTime() % 1_000_000_000;
        Response registered = api.post(
                "/api/auth/register",
                Map.of(
                        "username",
                        username,
                        "email",
                        username + "@example.com",
                        "password",
                        "a good password",
                        "displayName",
                        "Reggie"));

        assertThat(registered.status()).isEqualTo(201);
        String id = registered.json().get("id").asString();
        assertThat(registered.header("Location")).isEqualTo("/api/users/" + id);
        assertThat(registered.json().propertyNames())
                .containsExactlyInAnyOrder(
                        "id",
                        "username",
                        "displayName",
                        "bio",
                        "createdAt",
                        "followersCount",
                        "followingCount",
                        "postsCount");
        assertThat(registered.body()).doesNotContain("example.com").doesNotContainIgnoringCase("password");
        assertThat(registered.json().get("displayName").asString()).isEqualTo("Reggie");

        Response profile = api.get("/api/users/" + id);
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.json().get("username").asString()).isEqualTo(username);
        assertThat(profile.json().get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void displayNameDefaultsToTheUsername() {
        Session user = api.signUp("dn");
        assertThat(api.get("/api/users/" + user.id()).json().get("displayName").asString())
                .isEqualTo(user.username());
    }

    @Test
    void registerRejectsInvalidFieldsWithEveryFieldError() {
        Response response = api.post(
                "/api/auth/register",
                Map.of("username", "a!", "email", "not-an-email", "password", "short", "displayName", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("username", "email", "password", "displayName");
    }

    @Test
    void usernameAndEmailAreUniqueIgnoringCase() {
        Session taken = api.signUp("uniq");
        Response sameName = api.post(
                "/api/auth/register",
                Map.of(
                        "username",
                        taken.username().toUpperCase(),
                        "email",
                        "other" + System.nanoTime() + "@example.com",
                        "password",
                        "a good password"));
        Response sameEmail = api.post(
                "/api/auth/register",
                Map.of(
                        "username",
                        "other" + System.nanoTime() % 100000,
                        "email",
                        taken.username().toUpperCase() + "@EXAMPLE.com",
                        "password",
                        "a good password"));

        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameEmail.status()).isEqualTo(409);
    }

    @Test
    void passwordsAreAcceptedUpTo128CharactersAndRefusedBeyondWithA400() {
        String username = "longpw_" + System.nanoTime() % 100000;
        String longest = "p".repeat(128);
        assertThat(api.post(
                                "/api/auth/register",
                                Map.of("username", username, "email", username + "@example.com", "password", longest))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/api/auth/login", Map.of("username", username, "password", longest))
                        .status())
                .isEqualTo(200);
        // a different password sharing the first 72 bytes must not log in (no silent truncation)
        assertThat(api.post("/api/auth/login", Map.of("username", username, "password", "p".repeat(127) + "q"))
                        .status())
                .isEqualTo(401);

        Response tooLong = api.post(
                "/api/auth/register",
                Map.of("username", username + "x", "email", username + "x@example.com", "password", "p".repeat(129)));
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void loginIssuesABearerTokenPairAndAnswersUnknownUserAndWrongPasswordAlike() {
        Session user = api.signUp("login");
        Response ok = api.post(
                "/api/auth/login", Map.of("username", user.username().toUpperCase(), "password", user.password()));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(ok.json().get("expiresIn").asLong()).isEqualTo(900);
        assertThat(ok.json().get("accessToken").asString()).isNotBlank();
        assertThat(ok.json().get("refreshToken").asString()).isNotBlank();

        Response wrongPassword =
                api.post("/api/auth/login", Map.of("username", user.username(), "password", "wrong password"));
        Response unknownUser = api.post(
                "/api/auth/login",
                Map.of("username", "nobody_" + System.nanoTime() % 100000, "password", "wrong password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().get("detail"))
                .isEqualTo(unknownUser.json().get("detail"));
    }

    @Test
    void repeatedFailedLoginsForOneUsernameAreThrottledWithRetryAfter() {
        Session user = api.signUp("throttle");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/login", Map.of("username", user.username(), "password", "wrong " + i))
                            .status())
                    .isEqualTo(401);
        }
        Response throttled =
                api.post("/api/auth/login", Map.of("username", user.username(), "password", user.password()));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
        assertThat(throttled.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRefreshTokenWorksOnceAndReusingARotatedOneRevokesTheWholeLogin() {
        Session user = api.signUp("refresh");
        Response first = api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()));
        assertThat(first.status()).isEqualTo(200);
        String second = first.json().get("refreshToken").asString();
        // retried at once (as after a lost reply): the same successor, not a reuse
        Response retried = api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()));
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("refreshToken").asString()).isEqualTo(second);
        Response next = api.post("/api/auth/refresh", Map.of("refreshToken", second));
        assertThat(next.status()).isEqualTo(200);
        String third = next.json().get("refreshToken").asString();

        // its successor was used: whoever presents the first token now has a leaked copy
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                        .status())
                .isEqualTo(401);
        // the reuse above revoked the chain: the token it had rotated to is dead too
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", third)).status())
                .isEqualTo(401);
    }

    @Test
    void logoutKillsThatRefreshTokenAndNeedsABearerToken() {
        Session user = api.signUp("logout");
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", user.refreshToken()))
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", user.refreshToken()), user.accessToken())
                        .status())
                .isEqualTo(204);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void meReturnsTheCallerAndPatchChangesOnlyDisplayNameAndBio() {
        Session user = api.signUp("me");
        assertThat(api.get("/api/users/me", user.accessToken()).json().get("id").asString())
                .isEqualTo(user.id());

        Response patched = api.patch(
                "/api/users/me",
                Map.of(
                        "displayName",
                        "  New Name ",
                        "bio",
                        "hello there",
                        "username",
                        "hijack",
                        "id",
                        "x",
                        "followersCount",
                        1000),
                user.accessToken());
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("displayName").asString()).isEqualTo("New Name");
        assertThat(patched.json().get("bio").asString()).isEqualTo("hello there");
        assertThat(patched.json().get("username").asString()).isEqualTo(user.username());
        assertThat(patched.json().get("followersCount").asLong()).isZero();
        assertThat(api.get("/api/users/" + user.id()).json().get("bio").asString())
                .isEqualTo("hello there");
    }

    @Test
    void patchRejectsAnOverlongBioOrEmptyDisplayNameAndChangesNothing() {
        Session user = api.signUp("badpatch");
        Response longBio = api.patch("/api/users/me", Map.of("bio", "b".repeat(161)), user.accessToken());
        Response emptyName =
                api.patch("/api/users/me", Map.of("displayName", "  ", "bio", "kept?"), user.accessToken());

        assertThat(longBio.status()).isEqualTo(400);
        assertThat(emptyName.status()).isEqualTo(400);
        assertThat(emptyName.json().get("errors").findValuesAsString("field")).containsExactly("displayName");
        assertThat(api.get("/api/users/" + user.id()).json().get("bio").asString())
                .isEmpty();
    }

    @Test
    void lookupFindsAUserByUsernameInAnyCase() {
        Session user = api.signUp("look");
        Response found = api.get("/api/users/lookup?username=" + user.username().toUpperCase());
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("id").asString()).isEqualTo(user.id());
        assertThat(api.get("/api/users/lookup?username=nobody_here_" + System.nanoTime() % 1000)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void searchFindsUsersByUsernameOrDisplayNamePrefixPageByPage() {
        String tag = "srch" + System.nanoTime() % 100000;
        for (int i = 0; i < 3; i++) {
            api.post(
                    "/api/auth/register",
                    Map.of(
                            "username",
                            tag + "_" + i,
                            "email",
                            tag + i + "@example.com",
                            "password",
                            "a good password"));
        }
        api.post(
                "/api/auth/register",
                Map.of(
                        "username",
                        "zz" + tag,
                        "email",
                        "zz" + tag + "@example.com",
                        "password",
                        "a good password",
                        "displayName",
                        tag.toUpperCase() + " by name"));

        Response first = api.get("/api/users/search?q=" + tag + "&limit=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(2);
        assertThat(first.json().get("items").get(0).propertyNames())
                .containsExactlyInAnyOrder("id", "username", "displayName");
        Response second = api.get("/api/users/search?q=" + tag + "&limit=2&cursor="
                + first.json().get("nextCursor").asString());
        assertThat(second.json().get("items")).hasSize(2);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();

        assertThat(api.get("/api/users/search?q=").status()).isEqualTo(400);
        assertThat(api.get("/api/users/search?q=%20").status()).isEqualTo(400);
    }

    @Test
    void unknownUsersAre404() {
        assertThat(api.get("/api/users/0190a5b0-0000-7000-8000-000000000000").status())
                .isEqualTo(404);
        assertThat(api.get("/api/users/not-an-id").status()).isEqualTo(404);
    }
}
