package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.support.testing.ServiceJvms;
import social.support.testing.TcpProxy;
import social.support.testing.TestInfrastructure;

/** What the whole API does the same way: problem+json errors, limits, docs, health and probes. */
class GatewayBehaviourE2EIT {
    private static Api api;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
    }

    @Test
    void anUnknownPathIs404ProblemJsonNeverHtml() {
        Response response = api.send("GET", "/api/no/such/thing", null, null, Map.of("Accept", "text/html"));
        assertProblem(response, 404);
    }

    @Test
    void aRequestTheServletContainerRefusesItselfIsProblemJsonToo() throws Exception {
        // java.net.URI cannot even express this path, so speak HTTP by hand
        URI gateway = api.base();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.getOutputStream()
                    .write(("GET /api/users/%zz HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer)
                    .startsWith("HTTP/1.1 400")
                    .containsIgnoringCase("Content-Type: application/problem+json")
                    .contains("\"status\":400")
                    .contains("\"code\":\"MALFORMED_REQUEST\"")
                    .doesNotContain("<html");
        }
    }

    @Test
    void aWrongMethodIs405() {
        assertProblem(api.delete("/api/auth/login", null), 405);
    }

    @Test
    void malformedJsonAndWrongTypesAre400() {
        assertProblem(api.post("/api/auth/login", "{\"username\": "), 400);
        assertProblem(api.post("/api/auth/register", "{\"username\": 5, \"email\": [], \"password\": {}}"), 400);
        // one wrong type at a time: nothing is coerced
        assertProblem(api.post("/api/auth/login", "{\"username\": 12345, \"password\": \"password\"}"), 400);
        Session user = api.signUp("types");
        assertProblem(api.post("/api/posts", "{\"content\": 123}", user.accessToken()), 400);
        Session other = api.signUp("types2");
        assertProblem(
                api.post("/api/users/" + other.id() + "/follow", "{\"notify\": \"true\"}", user.accessToken()), 400);
        assertThat(api.get("/api/users/" + other.id() + "/relationship", user.accessToken())
                        .json()
                        .get("following")
                        .asBoolean())
                .isFalse();
        assertProblem(api.post("/api/auth/login", ""), 400);
        assertProblem(api.get("/api/users/search?q=a&limit=ten"), 400);
    }

    @Test
    void aBodyOver64KiBIs413() {
        String big = "{\"username\":\"" + "a".repeat(70 * 1024) + "\"}";
        assertProblem(api.post("/api/auth/register", big), 413);
    }

    @Test
    void limitIsClampedTo100AndMustBePositive() {
        assertThat(api.get("/api/users/search?q=a&limit=1000").status()).isEqualTo(200);
        assertProblem(api.get("/api/users/search?q=a&limit=0"), 400);
    }

    /** Per gateway instance (its buckets are its own): all through one. */
    @Test
    void tooManyRequestsFromOneCallerAre429WithRetryAfter() throws Exception {
        Api oneGateway = new Api(Stack.get().gateway());
        Session user = oneGateway.signUp("flood");
        // faster than the bucket refills (50/s), even on a slow machine: 16 at a time, to a path
        // that answers without asking any service (the limit counts every /api request)
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                answers.add(pool.submit(() -> oneGateway.get("/api/rate-limit-probe", user.accessToken())));
            }
            Response refused = null;
            for (Future<Response> answer : answers) {
                Response response = answer.get(30, TimeUnit.SECONDS);
                if (response.status() == 429) {
                    refused = response;
                }
            }
            assertThat(refused).as("a 429 within 400 rapid requests").isNotNull();
            assertProblem(refused, 429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndSwaggerUiIsServed() {
        Response docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .containsExactlyInAnyOrder(
                        "/api/auth/register",
                        "/api/auth/login",
                        "/api/auth/refresh",
                        "/api/auth/logout",
                        "/api/users/me",
                        "/api/users/{id}",
                        "/api/users/lookup",
                        "/api/users/search",
                        "/api/users/{id}/relationship",
                        "/api/users/{id}/follow",
                        "/api/users/{id}/follow/notify",
                        "/api/users/{id}/followers",
                        "/api/users/{id}/following",
                        "/api/users/{id}/posts",
                        "/api/posts",
                        "/api/posts/{id}",
                        "/api/posts/{id}/replies",
                        "/api/posts/{id}/repost",
                        "/api/posts/{id}/like",
                        "/api/posts/{id}/likes",
                        "/api/posts/{id}/bookmark",
                        "/api/bookmarks",
                        "/api/timeline",
                        "/api/notifications",
                        "/api/notifications/unread-count",
                        "/api/notifications/{id}/read",
                        "/api/notifications/read-all",
                        "/api/notifications/stream-ticket",
                        "/api/notifications/stream",
                        "/api/hashtags/{tag}/posts",
                        "/api/hashtags/trending",
                        "/api/search/posts",
                        "/api/posts/{id}/quotes",
                        "/api/posts/{id}/history",
                        "/api/users/{id}/block",
                        "/api/users/{id}/mute",
                        "/api/blocks",
                        "/api/mutes",
                        "/api/users/me/password",
                        "/api/posts/{id}/context",
                        "/api/hashtags/search");
        var paths = docs.json().get("paths");
        assertThat(paths.get("/api/notifications/stream-ticket")
                        .get("post")
                        .get("responses")
                        .propertyNames())
                .contains("200");
        assertThat(paths.get("/api/notifications/stream")
                        .get("get")
                        .get("parameters")
                        .toString())
                .contains("\"ticket\"");
        assertThat(paths.get("/api/auth/register").get("post").get("responses").propertyNames())
                .contains("201", "400", "409");
        assertThat(paths.get("/api/posts/{id}").get("delete").get("responses").propertyNames())
                .contains("204", "403", "404");
        assertThat(paths.get("/api/users/me").get("delete").get("responses").propertyNames())
                .contains("202", "400", "401");
        assertThat(paths.get("/api/posts/{id}/repost")
                        .get("post")
                        .get("responses")
                        .propertyNames())
                .contains("201", "200");
        // ids are strings to clients, whatever the handlers bind them to
        var postId = paths.get("/api/posts/{id}").get("get").get("parameters").get(0);
        assertThat(postId.get("name").asString()).isEqualTo("id");
        assertThat(postId.get("in").asString()).isEqualTo("path");
        assertThat(postId.get("schema").get("type").asString()).isEqualTo("string");
        assertThat(docs.json().get("components").get("schemas").propertyNames())
                .contains(
                        "User",
                        "UserSummary",
                        "Post",
                        "Token",
                        "Relationship",
                        "Notification",
                        "ProblemDetail",
                        "TagCount",
                        "PostVersion");
        assertThat(docs.json().get("components").get("securitySchemes").has("bearer"))
                .isTrue();
        assertThat(api.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    /** What clients are generated from is what this gateway serves: docs/openapi.json, exactly. */
    @Test
    void theLiveOpenApiDocumentIsTheCommittedOne() throws Exception {
        for (URI gateway : Stack.get().gateways()) {
            Response live = new Api(gateway).get("/v3/api-docs");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json())
                    .as("the live document of %s differs from docs/openapi.json", gateway)
                    .isEqualTo(JsonMapper.builder()
                            .build()
                            .readTree(Files.readString(
                                    ServiceJvms.repositoryRoot().resolve("docs/openapi.json"))));
        }
    }

    @Test
    void healthIsUpWhileTheBrokerIsReachable() {
        Response health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void everyInstanceAnswersTheProbesAndEachServiceIsReadyOnlyWithBrokerAndDatabase() {
        Stack stack = Stack.get();
        for (String service : Stack.instances()) {
            Api own = new Api(URI.create("http://127.0.0.1:" + stack.port(service)));
            Response liveness = own.get("/actuator/health/liveness");
            Response readiness = own.get("/actuator/health/readiness");
            assertThat(liveness.status()).as(service + " " + liveness).isEqualTo(200);
            assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
            assertThat(readiness.status()).as(service + " " + readiness).isEqualTo(200);
            assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
            if (!ServiceJvms.serviceOf(service).equals("api-gateway")) {
                assertThat(readiness.json().path("components").propertyNames())
                        .as(service)
                        .containsExactlyInAnyOrder("readinessState", "rabbit", "db");
                assertThat(liveness.json().path("components").propertyNames())
                        .as(service)
                        .containsExactly("livenessState");
            }
        }
        // the gateway's port is public: its probes name no components
        assertThat(api.get("/actuator/health/readiness").body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void aGatewayCutOffFromTheBrokerIsNotReadyButStaysLive() throws Exception {
        Map<String, String> infrastructure = TestInfrastructure.start();
        Stack stack = Stack.get();
        try (TcpProxy broker = new TcpProxy(
                        infrastructure.get("RABBIT_HOST"), Integer.parseInt(infrastructure.get("RABBIT_PORT")))
                .start()) {
            Api gateway = new Api(stack.startInstance(
                    "api-gateway",
                    "probes",
                    Map.of("RABBIT_HOST", "127.0.0.1", "RABBIT_PORT", String.valueOf(broker.port()))));
            try {
                assertThat(gateway.get("/actuator/health/readiness").status()).isEqualTo(200);
                broker.cut();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> gateway.get("/actuator/health/readiness").status() == 503);
                Response liveness = gateway.get("/actuator/health/liveness");
                assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
                assertThat(liveness.json().get("status").asString()).isEqualTo("UP");

                broker.start();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> gateway.get("/actuator/health/readiness").status() == 200);
            } finally {
                stack.stop("api-gateway#probes");
            }
        }
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().has("title")).isTrue();
        assertThat(response.json().has("type")).isTrue();
        assertThat(response.json().has("detail")).isTrue();
        assertThat(response.json().get("code").asString()).matches("[A-Z][A-Z_]*");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at social.");
    }
}
