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
 * Ending a login ends its access tokens at every gateway within a second, though they are still
 * signed and unexpired: auth-service publishes {@code auth.login-ended}, each gateway keeps a deny
 * list. Other logins of the same user are not touched.
 */
class LogoutE2EIT {
    private static final Duration WITHIN = Duration.ofSeconds(1);

    private static Api api;
    private static Api second;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
        // the same second gateway NotificationsE2EIT uses (one more JVM at most for the suite)
        URI secondBase = Stack.get()
                .startInstance(
                        "api-gateway",
                        "2",
                        Map.of(
                                "SOCIAL_GATEWAY_NOTIFICATIONS_HEARTBEAT", "300ms",
                                "SOCIAL_GATEWAY_NOTIFICATIONS_MAXSTREAMSPERUSER", "2"));
        second = new Api(secondBase);
    }

    @Test
    void afterLogoutTheAccessTokenIsRefusedByEveryGatewayAndItsStreamEnds() throws Exception {
        Session user = api.signUp("bye");
        Response otherDevice =
                api.post("/api/auth/login", Map.of("username", user.username(), "password", user.password()));
        String otherToken = otherDevice.json().get("accessToken").asString();
        // both gateways know the token as verified (cached) before the logout
        assertThat(api.get("/api/users/me", user.accessToken()).status()).isEqualTo(200);
        assertThat(second.get("/api/users/me", user.accessToken()).status()).isEqualTo(200);

        try (NotificationsE2EIT.SseClient stream =
                NotificationsE2EIT.SseClient.open(second.base(), user.accessToken())) {
            assertThat(api.post("/api/auth/logout", Map.of("refreshToken", user.refreshToken()), user.accessToken())
                            .status())
                    .isEqualTo(204);

            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get("/api/users/me", user.accessToken()).status() == 401);
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> second.get("/api/users/me", user.accessToken()).status() == 401);
            Response refused = api.get("/api/users/me", user.accessToken());
            assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
            await().atMost(Duration.ofSeconds(5)).until(stream::ended);
        }
        assertThat(api.get("/api/users/me", otherToken).status()).isEqualTo(200);
        assertThat(second.get("/api/users/me", otherToken).status()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenPresentedTwiceEndsTheLoginsAccessTokensToo() {
        Session user = api.signUp("reuse");
        Response rotated = api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()));
        assertThat(rotated.status()).isEqualTo(200);
        String newAccess = rotated.json().get("accessToken").asString();
        assertThat(api.get("/api/users/me", newAccess).status()).isEqualTo(200);
        Response rotatedAgain = api.post(
                "/api/auth/refresh",
                Map.of("refreshToken", rotated.json().get("refreshToken").asString()));
        assertThat(rotatedAgain.status()).isEqualTo(200);

        // the first token again, after its successor was used (no retry of a lost reply): it
        // leaked, the whole login is revoked
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", user.refreshToken()))
                        .status())
                .isEqualTo(401);

        await().atMost(WITHIN)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/api/users/me", newAccess).status() == 401
                        && api.get("/api/users/me", user.accessToken()).status() == 401
                        && api.get(
                                                "/api/users/me",
                                                rotatedAgain
                                                        .json()
                                                        .get("accessToken")
                                                        .asString())
                                        .status()
                                == 401);
    }
}
