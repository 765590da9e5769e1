package social.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.AuthRpc;
import social.contract.user.UserRpc;
import social.gateway.GatewayProperties;
import social.gateway.GatewayWebMvcTest;
import social.gateway.TestTokens;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;
import social.support.rpc.RpcTimeoutException;
import social.support.rpc.RpcUnavailableException;

/**
 * Every error the gateway answers has a {@code code}, and docs/API.md ("Problem codes") lists every
 * code with the status it is answered with, and no other: walked over every service error code
 * and over the refusals the gateway's filters and Spring MVC make on their own.
 */
class ProblemCodesTest {
    private static final Path API_MD = Path.of("..", "docs", "API.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d{3}|other) \\|", Pattern.MULTILINE);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** docs/API.md's table: code to status ("other" for a status that varies). */
    static Map<String, String> documented() throws IOException {
        String text = Files.readString(API_MD, StandardCharsets.UTF_8);
        String table = text.substring(text.indexOf("## Problem codes"));
        table = table.substring(0, table.indexOf("\n## ", 1));
        Map<String, String> codes = new LinkedHashMap<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            assertThat(codes.put(row.group(1), row.group(2)))
                    .as("%s listed twice", row.group(1))
                    .isNull();
        }
        return codes;
    }

    /** The answer is a problem whose code docs/API.md lists with the answer's status. */
    static void assertDocumentedProblem(int status, String contentType, String body) throws IOException {
        assertThat(contentType).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.hasNonNull("code")).as("code in %s", body).isTrue();
        String code = problem.get("code").asString();
        Map<String, String> documented = documented();
        assertThat(documented).as("docs/API.md lists %s", code).containsKey(code);
        if (!documented.get(code).equals("other")) {
            assertThat(documented.get(code))
                    .as("the status docs/API.md gives %s", code)
                    .isEqualTo(Integer.toString(status));
        }
    }

    static void assertDocumentedProblem(MvcTestResult result) throws IOException {
        assertDocumentedProblem(
                result.getResponse().getStatus(),
                result.getResponse().getContentType(),
                result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void docsApiMdListsEveryCodeWithItsStatusAndNoOther() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        Arrays.stream(ProblemCode.values())
                .forEach(code -> expected.put(
                        code.name(),
                        code.status() == null
                                ? "other"
                                : Integer.toString(code.status().value())));

        assertThat(documented()).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void noTwoServiceErrorCodesShareAProblemCode() {
        Map<ProblemCode, ErrorCode> seen = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(seen.put(ProblemCode.of(code), code))
                    .as("%s and another service error share a problem code", code)
                    .isNull();
        }
    }

    @Test
    void theConcurrencyLimitsRefusalIsADocumentedProblem() throws Exception {
        // as Spring's mapper writes problems: their properties at the top level
        JsonMapper springs = JsonMapper.builder()
                .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                .build();
        ConcurrencyLimitFilter shedding = new ConcurrencyLimitFilter(
                new GatewayProperties(
                        org.springframework.util.unit.DataSize.ofKilobytes(64),
                        null,
                        0,
                        java.time.Duration.ofSeconds(10),
                        64),
                new Problems(springs));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/timeline");
        MockHttpServletResponse response = new MockHttpServletResponse();
        shedding.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {}
        }));

        assertThat(response.getStatus()).isEqualTo(503);
        assertDocumentedProblem(response.getStatus(), response.getContentType(), response.getContentAsString());
    }

    /** Every error a service replies with, and the gateway's own refusals, as a client gets them. */
    @Nested
    @GatewayWebMvcTest
    class AsAnswered {
        @Autowired
        MockMvcTester mvc;

        @MockitoBean
        RpcClient rpc;

        @ParameterizedTest
        @EnumSource(ErrorCode.class)
        void everyServiceErrorCodeIsAnsweredWithADocumentedCode(ErrorCode code) throws IOException {
            given(rpc.callAndWait(eq(UserRpc.GET), any()))
                    .willThrow(new RpcErrorException(ErrorReply.of(code, "what the service said")));

            MvcTestResult answer =
                    mvc.get().uri("/api/users/{id}", UUID.randomUUID()).exchange();

            assertDocumentedProblem(answer);
            assertThat(JSON.readTree(answer.getResponse().getContentAsString())
                            .get("code")
                            .asString())
                    .isEqualTo(ProblemCode.of(code).name());
        }

        @Test
        void theGatewaysOwnRefusalsAreDocumentedProblems() throws IOException {
            TestTokens.serveVerificationKeys(rpc);
            given(rpc.callAndWait(eq(AuthRpc.LOGIN), any()))
                    .willThrow(new RpcTimeoutException(AuthRpc.LOGIN.routingKey()))
                    .willThrow(new RpcUnavailableException("auth", new IllegalStateException("no route")));
            MvcTestResult[] answers = {
                // 401: no token, a tampered one
                mvc.get().uri("/api/users/me").exchange(),
                mvc.get()
                        .uri("/api/users/me")
                        .header(
                                "Authorization",
                                "Bearer " + TestTokens.tamperedFor(UUID.randomUUID(), UUID.randomUUID()))
                        .exchange(),
                mvc.get()
                        .uri("/api/users/me")
                        .header("Authorization", "Basic abc")
                        .exchange(),
                // 413, announced and streamed
                mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + "a".repeat(70 * 1024) + "\"}")
                        .exchange(),
                // 504 and 503 of a service
                login(),
                login(),
                // Spring MVC's: 400, 404, 405, 406, 415
                mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{")
                        .exchange(),
                mvc.get().uri("/api/no/such/path").exchange(),
                mvc.delete().uri("/api/auth/login").exchange(),
                mvc.get()
                        .uri("/api/notifications/stream")
                        .accept(MediaType.IMAGE_PNG)
                        .exchange(),
                mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("x")
                        .exchange(),
                // 401 of a ticket, 403 of CORS (no origin is allowed here)
                mvc.get()
                        .uri("/api/notifications/stream?ticket=" + "x".repeat(65))
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .exchange(),
                mvc.get()
                        .uri("/api/users/me")
                        .header("Origin", "https://elsewhere.example")
                        .exchange()
            };
            int[] statuses = {401, 401, 401, 413, 504, 503, 400, 404, 405, 406, 415, 401, 403};
            for (int i = 0; i < answers.length; i++) {
                assertThat(answers[i].getResponse().getStatus())
                        .as("answer %d", i)
                        .isEqualTo(statuses[i]);
                assertDocumentedProblem(answers[i]);
            }
        }

        private MvcTestResult login() {
            return mvc.post()
                    .uri("/api/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"username\":\"ann\",\"password\":\"a password\"}")
                    .exchange();
        }
    }

    /** The budgets' refusals: the caller's requests, an address's invalid tokens. */
    @Nested
    @GatewayWebMvcTest
    @TestPropertySource(
            properties = {
                "social.gateway.rate-limit.anonymous-burst=1",
                "social.gateway.rate-limit.anonymous-requests-per-second=1",
                "social.gateway.rate-limit.invalid-token-burst=1",
                "social.gateway.rate-limit.invalid-tokens-per-minute=1"
            })
    class WithSmallBudgets {
        @Autowired
        MockMvcTester mvc;

        @MockitoBean
        RpcClient rpc;

        @Test
        void aUsedUpBudgetAndTooManyInvalidTokensAreDocumentedProblems() throws IOException {
            mvc.get().uri("/api/users/search?q=a").exchange();
            MvcTestResult rateLimited = mvc.get().uri("/api/users/search?q=a").exchange();
            assertThat(rateLimited.getResponse().getStatus()).isEqualTo(429);
            assertDocumentedProblem(rateLimited);

            TestTokens.serveVerificationKeys(rpc);
            String forged = TestTokens.signedByAnotherKeyFor(UUID.randomUUID());
            withToken(forged, "203.0.113.2");
            MvcTestResult tooManyInvalid =
                    withToken(TestTokens.signedByAnotherKeyFor(UUID.randomUUID()), "203.0.113.2");
            assertThat(tooManyInvalid.getResponse().getStatus()).isEqualTo(429);
            assertDocumentedProblem(tooManyInvalid);
        }

        private MvcTestResult withToken(String token, String address) {
            return mvc.get()
                    .uri("/api/users/me")
                    .header("Authorization", "Bearer " + token)
                    .with(request -> {
                        request.setRemoteAddr(address);
                        return request;
                    })
                    .exchange();
        }
    }

    /** Verification keys out of reach: a context of its own (a setting no other has), as keys once fetched are kept. */
    @Nested
    @GatewayWebMvcTest
    @TestPropertySource(properties = "social.gateway.logged-out.max-entries=1001")
    class WithoutVerificationKeys {
        @Autowired
        MockMvcTester mvc;

        @MockitoBean
        RpcClient rpc;

        @Test
        void aTokenThatCannotBeVerifiedNowIsADocumentedProblem() throws IOException {
            given(rpc.callAndWait(eq(AuthRpc.VERIFICATION_KEYS), any()))
                    .willThrow(new RpcUnavailableException("auth", new IllegalStateException("no route")));

            MvcTestResult answer = mvc.get()
                    .uri("/api/users/me")
                    .header("Authorization", "Bearer " + TestTokens.validFor(UUID.randomUUID()))
                    .exchange();

            assertThat(answer.getResponse().getStatus()).isEqualTo(503);
            assertDocumentedProblem(answer);
        }
    }
}
