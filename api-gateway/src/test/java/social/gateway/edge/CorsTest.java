package social.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static social.gateway.ProblemJson.problem;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.auth.AuthRpc;
import social.contract.auth.StreamTicketHolder;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.gateway.GatewayWebMvcTest;
import social.gateway.web.ProblemCode;
import social.support.rpc.RpcClient;

/** CORS from CORS_ALLOWED_ORIGINS: an allowed origin's preflights and requests, a refused one's. */
@GatewayWebMvcTest
@TestPropertySource(properties = "social.gateway.cors.allowed-origins=https://app.example, http://localhost:5173")
class CorsTest {
    private static final String ALLOWED = "https://app.example";
    private static final String REFUSED = "https://evil.example";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @Test
    void aPreflightOfAnAllowedOriginIsAnsweredWithTheHeadersTheApiTakesAndNoCredentials() {
        MvcTestResult preflight = preflight(ALLOWED, "POST", "authorization, content-type, idempotency-key");

        assertThat(preflight).hasStatusOk();
        assertThat(preflight).hasHeader("Access-Control-Allow-Origin", ALLOWED);
        assertThat(preflight.getResponse().getHeader("Access-Control-Allow-Methods"))
                .contains("POST");
        assertThat(preflight.getResponse().getHeader("Access-Control-Allow-Headers"))
                .containsIgnoringCase("authorization")
                .containsIgnoringCase("idempotency-key");
        assertThat(preflight).hasHeader("Access-Control-Max-Age", "3600");
        assertThat(preflight).doesNotContainHeader("Access-Control-Allow-Credentials");
        assertThat(preflight(ALLOWED, "GET", "last-event-id")).hasStatusOk();
    }

    @Test
    void aPreflightOfAnotherOriginOrForAnotherHeaderIsRefusedWithoutCorsHeaders() {
        for (MvcTestResult refused : new MvcTestResult[] {
            preflight(REFUSED, "POST", "authorization"),
            preflight("https://app.example.evil.example", "GET", null),
            preflight(ALLOWED, "POST", "x-something-else")
        }) {
            assertThat(refused).satisfies(problem(ProblemCode.CORS_REQUEST_REFUSED));
            assertThat(refused).doesNotContainHeader("Access-Control-Allow-Origin");
        }
    }

    @Test
    void anAllowedOriginsRequestGetsItsOriginBackAndTheHeadersAClientReadsExposed() {
        UUID id = UUID.randomUUID();
        given(rpc.callAndWait(eq(UserRpc.GET), any()))
                .willReturn(new User(id, "ann", "Ann", "", Instant.now(), 0, 0, 0));

        MvcTestResult answer = mvc.get()
                .uri("/api/users/{id}", id)
                .header("Origin", "http://localhost:5173")
                .exchange();

        assertThat(answer).hasStatusOk().hasHeader("Access-Control-Allow-Origin", "http://localhost:5173");
        assertThat(answer.getResponse().getHeader("Access-Control-Expose-Headers"))
                .contains("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
        assertThat(answer).doesNotContainHeader("Access-Control-Allow-Credentials");
    }

    @Test
    void anAllowedOriginCanReadTheApisRefusalsToo() {
        MvcTestResult refused =
                mvc.get().uri("/api/users/me").header("Origin", ALLOWED).exchange();

        assertThat(refused)
                .satisfies(problem(ProblemCode.UNAUTHENTICATED))
                .hasHeader("Access-Control-Allow-Origin", ALLOWED);
    }

    @Test
    void anotherOriginsRequestIsRefusedBeforeAnyServiceIsAsked() {
        MvcTestResult refused = mvc.get()
                .uri("/api/users/{id}", UUID.randomUUID())
                .header("Origin", REFUSED)
                .exchange();

        assertThat(refused).satisfies(problem(ProblemCode.CORS_REQUEST_REFUSED));
        assertThat(refused).doesNotContainHeader("Access-Control-Allow-Origin");
        verifyNoInteractions(rpc);
    }

    @Test
    void theNotificationStreamOfAnAllowedOriginCarriesTheCorsHeaders() {
        given(rpc.callAndWait(eq(AuthRpc.REDEEM_STREAM_TICKET), any()))
                .willReturn(new StreamTicketHolder(
                        UUID.randomUUID(), "ann", null, Instant.now().plusSeconds(600)));

        MvcTestResult stream = mvc.get()
                .uri("/api/notifications/stream?ticket=k3lV0b3Fz9m2PqWcXy7RtA5nHd8JgLs1Ue4Io6Ba0Cz")
                .header("Origin", ALLOWED)
                .header("Accept", "text/event-stream")
                .asyncExchange();

        assertThat(stream.getResponse().getStatus()).isEqualTo(200);
        assertThat(stream.getResponse().getHeader("Access-Control-Allow-Origin"))
                .isEqualTo(ALLOWED);
    }

    @Test
    void aRequestWithoutOriginIsNotLookedAt() {
        MvcTestResult answer = mvc.get().uri("/api/users/me").exchange();

        assertThat(answer).doesNotContainHeader("Access-Control-Allow-Origin");
        assertThat(answer).doesNotContainHeader("Vary");
    }

    private MvcTestResult preflight(String origin, String method, String headers) {
        var request = mvc.options()
                .uri("/api/posts")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        if (headers != null) {
            request = request.header("Access-Control-Request-Headers", headers);
        }
        return request.exchange();
    }
}
