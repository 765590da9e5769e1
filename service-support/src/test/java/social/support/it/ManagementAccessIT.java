package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import social.contract.auth.UserRegistered;
import social.support.messaging.MessagingNames;
import social.support.testing.EventReplay;
import social.support.testing.RealInfrastructure;

/**
 * Issue 26, item 8: a service's actuator (its HTTP port, served on the same port as here) answers a
 * sensitive read or a write only with the operator's token, only under a host name it knows (a page
 * that rebinds its own name to 127.0.0.1 gets nothing), and never a cross-site write; health and the
 * Prometheus scrape stay open.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=support-management-it",
            "social.db.schema=support_it",
            "social.messaging.event-concurrency=1",
            "social.messaging.max-delivery-attempts=2",
            "social.messaging.retry-backoff=10ms",
            "social.messaging.retry-backoff-max=50ms",
            "social.outbox.relay-enabled=false",
            "social.management.token=" + ManagementAccessIT.TOKEN
        })
@Import(EventReplay.class)
class ManagementAccessIT {
    static final String TOKEN = "operator-token-of-this-test-0123456789";
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final JsonMapper JSON = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    EventReplay replay;

    @Autowired
    MessagingNames names;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthAndThePrometheusScrapeAnswerWithoutACredential() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> scrape = get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_");
        // as compose's Prometheus asks: by the service's own name
        assertThat(Raw.request(port, "GET", "/actuator/prometheus", "support-management-it:" + port, Map.of())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aSensitiveReadWithoutTheTokenOrWithAWrongOneIsRefused() throws Exception {
        for (String path : new String[] {"/actuator/deadletters", "/actuator/metrics", "/actuator/info"}) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .as(path)
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
            assertThat(anonymous.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(JSON.readTree(anonymous.body()).path("code").asString()).isEqualTo("UNAUTHENTICATED");
            assertThat(anonymous.body()).doesNotContain("deadLetterQueue");

            assertThat(get(path, TOKEN + "x").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, TOKEN.substring(1)).statusCode()).as(path).isEqualTo(401);
        }
        // a path trick does not reach a protected endpoint through an open one
        assertThat(Raw.request(port, "GET", "/actuator/health/../deadletters", "localhost", Map.of())
                        .status())
                .isIn(400, 401, 404);
        assertThat(Raw.request(port, "GET", "/actuator/health/..;/deadletters", "localhost", Map.of())
                        .status())
                .isIn(400, 401, 404);
    }

    @Test
    void theOperatorsTokenOpensTheSensitiveReads() throws Exception {
        HttpResponse<String> listed = get("/actuator/deadletters", TOKEN);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).findValuesAsString("deadLetterQueue"))
                .contains(names.deadLetterQueue(names.eventQueue("registrations")));
        assertThat(get("/actuator/metrics", TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestUnderAHostNameTheServiceDoesNotKnowIsRefusedEvenWithTheToken() throws Exception {
        // DNS rebinding: evil.example now resolves to 127.0.0.1, and the page reads its "own" origin
        Raw.Answer rebound = Raw.request(port, "GET", "/actuator/deadletters", "evil.example:" + port, Map.of());
        assertThat(rebound.status()).isEqualTo(421);
        assertThat(rebound.body()).contains("\"code\":\"HTTP_ERROR\"").doesNotContain("deadLetterQueue");
        assertThat(Raw.request(
                                port,
                                "GET",
                                "/actuator/deadletters",
                                "evil.example",
                                Map.of("Authorization", "Bearer " + TOKEN))
                        .status())
                .isEqualTo(421);
        assertThat(Raw.request(port, "GET", "/actuator/health", "evil.example", Map.of())
                        .status())
                .isEqualTo(421);
        // a known name, any case, with or without the port, and an address literal (what probes send)
        assertThat(Raw.request(port, "GET", "/actuator/health", "LOCALHOST:" + port, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(Raw.request(port, "GET", "/actuator/health", "[::1]:" + port, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(Raw.request(port, "GET", "/actuator/health", "10.1.2.3:" + port, Map.of())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aReplayWithoutTheTokenOrFromAnotherSiteReplaysNothingAndTheTokenReplays() throws Exception {
        String queue = names.eventQueue("registrations");
        String deadLetters = names.deadLetterQueue(queue);
        long before = messageCount(deadLetters);
        SupportTestApplication.CURABLE_BROKEN.set(true);
        try {
            UserRegistered curable = new UserRegistered(
                    UUID.randomUUID(),
                    Instant.now(),
                    1,
                    UUID.randomUUID(),
                    SupportTestApplication.CURABLE_PREFIX + UUID.randomUUID(),
                    "curable");
            replay.deliver(curable);
            await().atMost(DEADLINE).until(() -> messageCount(deadLetters) == before + 1);
            // the cause is fixed: a replay now would apply it
            SupportTestApplication.CURABLE_BROKEN.set(false);

            assertThat(post("/actuator/deadletters/" + queue, null, Map.of()).statusCode())
                    .isEqualTo(401);
            assertThat(post("/actuator/deadletters/" + queue, TOKEN + "x", Map.of())
                            .statusCode())
                    .isEqualTo(401);
            // a page of another site posting with the browser (it cannot add the token)
            HttpResponse<String> crossSite = post(
                    "/actuator/deadletters/" + queue,
                    null,
                    Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
            assertThat(crossSite.statusCode()).isEqualTo(403);
            // not even with the token: the actuator has no page of its own that writes
            HttpResponse<String> crossSiteWithToken = post(
                    "/actuator/deadletters/" + queue,
                    TOKEN,
                    Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"));
            assertThat(crossSiteWithToken.statusCode()).isEqualTo(403);
            assertThat(JSON.readTree(crossSiteWithToken.body()).path("code").asString())
                    .isEqualTo("FORBIDDEN");
            assertThat(Raw.request(
                                    port,
                                    "POST",
                                    "/actuator/deadletters/" + queue,
                                    "evil.example:" + port,
                                    Map.of("Authorization", "Bearer " + TOKEN, "Content-Length", "0"))
                            .status())
                    .isEqualTo(421);
            // nothing was replayed: the dead letter is still in its queue, never applied
            assertThat(messageCount(deadLetters)).isEqualTo(before + 1);
            assertThat(applied(curable.eventId())).isZero();

            HttpResponse<String> replayed = post("/actuator/deadletters/" + queue, TOKEN, Map.of());
            assertThat(replayed.statusCode()).isEqualTo(200);
            JsonNode replay = JSON.readTree(replayed.body());
            assertThat(replay.path("replayed").asInt()).isEqualTo(1);
            assertThat(applied(curable.eventId())).isOne();
            assertThat(messageCount(deadLetters)).isEqualTo(before);
        } finally {
            SupportTestApplication.CURABLE_BROKEN.set(false);
        }
    }

    private int applied(UUID eventId) {
        Integer count = jdbc.queryForObject(
                "SELECT count(*) FROM applied_registration WHERE event_id = ?", Integer.class, eventId);
        return count == null ? 0 : count;
    }

    private long messageCount(String queue) {
        Properties info = ((RabbitAdmin) admin).getQueueProperties(queue);
        return info == null ? 0 : ((Number) info.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request with a Host header of the test's choosing (the JDK's client does not let one set it). */
    static final class Raw {
        record Answer(int status, String body) {}

        static Answer request(int port, String method, String path, String host, Map<String, String> headers)
                throws IOException {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
                headers.forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
                head.append("Connection: close\r\n\r\n");
                socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String answer =
                        new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int status = Integer.parseInt(answer.substring(9, 12));
                int body = answer.indexOf("\r\n\r\n");
                return new Answer(status, body < 0 ? "" : answer.substring(body + 4));
            }
        }
    }
}
