package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/**
 * PUT /api/users/me/password (API.md, "Endpoints, added"): the current password asked again, the
 * new one under the rules of registration; every other login of the account ends (its refresh
 * token at once, its access tokens at every gateway within a second), the caller's own stays.
 */
class PasswordChangeE2EIT {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String NEW_PASSWORD = "a brand new passphrase";

    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void aWrongCurrentPasswordIs401InvalidCredentialsAndChangesNothing() {
        Session ann = api.signUp("pwd");

        Response refused = change(ann, "not the password", NEW_PASSWORD);

        assertProblem(refused, 401, "INVALID_CREDENTIALS");
        assertThat(logIn(ann.username(), ann.password()).status()).isEqualTo(200);
        assertThat(logIn(ann.username(), NEW_PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void aWeakUnchangedOrMissingNewPasswordIs400OnNewPassword() {
        Session ann = api.signUp("pwd");

        for (String weak : new String[] {"short", "x".repeat(129), "bell\u0007inside it"}) {
            Response refused = change(ann, ann.password(), weak);
            assertProblem(refused, 400, "VALIDATION_FAILED");
            assertThat(refused.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("newPassword");
        }
        assertProblem(change(ann, ann.password(), ann.password()), 400, "VALIDATION_FAILED");
        assertProblem(
                api.put("/api/users/me/password", Map.of("currentPassword", ann.password()), ann.accessToken()),
                400,
                "VALIDATION_FAILED");
        assertProblem(
                api.put(
                        "/api/users/me/password",
                        Map.of("currentPassword", ann.password(), "newPassword", NEW_PASSWORD),
                        null),
                401,
                "UNAUTHENTICATED");
        assertThat(logIn(ann.username(), ann.password()).status()).isEqualTo(200);
    }

    @Test
    void everyOtherLoginEndsAtEveryGatewayWithinASecondAndTheCallersStays() {
        Session ann = api.signUp("pwd");
        Response laptop = logIn(ann.username(), ann.password());
        String laptopAccess = laptop.json().get("accessToken").asString();
        String laptopRefresh = laptop.json().get("refreshToken").asString();
        // every gateway has verified (and cached) the other login's access token before the change
        for (URI gateway : Stack.get().gateways()) {
            assertThat(new Api(gateway).get("/api/users/me", laptopAccess).status())
                    .isEqualTo(200);
        }

        Response changed = change(ann, ann.password(), NEW_PASSWORD);

        assertThat(changed.status()).as("%s", changed).isEqualTo(204);
        assertProblem(
                api.post("/api/auth/refresh", Map.of("refreshToken", laptopRefresh)), 401, "INVALID_REFRESH_TOKEN");
        for (URI gateway : Stack.get().gateways()) {
            Api one = new Api(gateway);
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> one.get("/api/users/me", laptopAccess).status() == 401);
            assertThat(one.get("/api/users/me", ann.accessToken()).status()).isEqualTo(200);
        }
        Response rotated = api.post("/api/auth/refresh", Map.of("refreshToken", ann.refreshToken()));
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        assertProblem(logIn(ann.username(), ann.password()), 401, "INVALID_CREDENTIALS");
        assertThat(logIn(ann.username(), NEW_PASSWORD).status()).isEqualTo(200);
    }

    private static Response change(Session user, String current, String next) {
        return api.put(
                "/api/users/me/password", Map.of("currentPassword", current, "newPassword", next), user.accessToken());
    }

    private static Response logIn(String username, String password) {
        return api.post("/api/auth/login", Map.of("username", username, "password", password));
    }

    static void assertProblem(Response response, int status, String code) {
        GatewayBehaviourE2EIT.assertProblem(response, status);
        assertThat(response.json().get("code").asString()).as("%s", response).isEqualTo(code);
    }
}
