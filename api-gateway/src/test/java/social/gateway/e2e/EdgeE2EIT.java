package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/**
 * The edge a browser or a proxy meets (API.md, "Conventions, extended"), through a gateway of its
 * own with small budgets: rate-limit headers counting a budget down to its 429, CORS for an
 * allowed origin and not for another (the notification stream too), and forwarded client
 * addresses believed only from a trusted proxy (127.0.0.1 here; 127.0.0.2, also this machine, is
 * an untrusted peer).
 */
class EdgeE2EIT {
    private static final String ALLOWED = "https://app.example";
    private static final String REFUSED = "https://elsewhere.example";
    private static final int BURST = 5;
    /** Answered by the gateway alone (no such route, 404), but counted like every /api request. */
    private static final String PROBE = "/api/rate-limit-probe";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Api api;
    private static URI edge;
    private static Api edgeApi;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
        edge = Stack.get()
                .startInstance(
                        "api-gateway",
                        "edge",
                        Map.of(
                                "CORS_ALLOWED_ORIGINS",
                                ALLOWED,
                                "TRUSTED_PROXIES",
                                "127.0.0.1/32",
                                "RATE_LIMIT_BURST",
                                Integer.toString(BURST),
                                "RATE_LIMIT_RPS",
                                "1",
                                "RATE_LIMIT_ANONYMOUS_BURST",
                                Integer.toString(BURST),
                                "RATE_LIMIT_ANONYMOUS_RPS",
                                "1"));
        edgeApi = new Api(edge);
    }

    @Test
    void aDrainedBudgetCountsRemainingDownToZeroThenAnswers429WithTheSameHeaders() {
        Session ann = api.signUp("edge");
        List<Integer> remaining = new ArrayList<>();
        Response answer = edgeApi.get(PROBE, ann.accessToken());
        assertThat(answer.header("RateLimit-Limit")).isEqualTo(Integer.toString(BURST));
        assertThat(answer.header("RateLimit-Reset")).isEqualTo("1");
        for (int i = 0; i < 3 * BURST && answer.status() != 429; i++) {
            remaining.add(Integer.parseInt(answer.header("RateLimit-Remaining")));
            answer = edgeApi.get(PROBE, ann.accessToken());
        }

        assertThat(remaining).startsWith(BURST - 1).endsWith(0);
        assertThat(remaining).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
        PasswordChangeE2EIT.assertProblem(answer, 429, "RATE_LIMITED");
        assertThat(answer.header("RateLimit-Limit")).isEqualTo(Integer.toString(BURST));
        assertThat(answer.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(answer.header("RateLimit-Reset"))).isBetween(1, BURST);
        assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
        // another caller's budget is its own
        Response other = edgeApi.get(PROBE, api.signUp("edge").accessToken());
        assertThat(other.header("RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 1));
    }

    @Test
    void aPreflightOfTheAllowedOriginIsAnsweredAndOneOfAnotherOriginIsRefused() throws Exception {
        HttpResponse<String> allowed = preflight(ALLOWED, "POST", "authorization,content-type,idempotency-key");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(header(allowed, "Access-Control-Allow-Methods")).contains("POST");
        assertThat(header(allowed, "Access-Control-Allow-Headers").toLowerCase(Locale.ROOT))
                .contains("authorization", "content-type", "idempotency-key");
        assertThat(header(allowed, "Access-Control-Allow-Credentials")).isNull();
        assertThat(preflight(ALLOWED, "GET", "last-event-id").statusCode()).isEqualTo(200);

        for (HttpResponse<String> refused :
                List.of(preflight(REFUSED, "POST", "authorization"), preflight(ALLOWED, "POST", "x-custom"))) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(header(refused, "Access-Control-Allow-Origin")).isNull();
            assertThat(JSON.readTree(refused.body()).get("code").asString()).isEqualTo("CORS_REQUEST_REFUSED");
        }
    }

    @Test
    void theAllowedOriginsRequestsCarryCorsHeadersErrorsIncludedAndAnotherOriginsAreRefused() throws Exception {
        Session ann = api.signUp("edge");
        HttpResponse<String> allowed = send("GET", "/api/users/" + ann.id(), ALLOWED, Map.of());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(header(allowed, "Access-Control-Expose-Headers"))
                .contains("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");

        HttpResponse<String> unauthenticated = send("GET", "/api/users/me", ALLOWED, Map.of());
        assertThat(unauthenticated.statusCode()).isEqualTo(401);
        assertThat(header(unauthenticated, "Access-Control-Allow-Origin")).isEqualTo(ALLOWED);

        HttpResponse<String> refused = send("GET", "/api/users/" + ann.id(), REFUSED, Map.of());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(header(refused, "Access-Control-Allow-Origin")).isNull();
        // the main gateways allow no origin at all (CORS_ALLOWED_ORIGINS unset): same origin only
        assertThat(api.send("GET", "/api/users/" + ann.id(), null, null, Map.of("Origin", ALLOWED))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theNotificationStreamOfTheAllowedOriginCarriesCorsHeadersAndAnotherOriginGetsNone() throws Exception {
        Session ann = api.signUp("edge");
        HttpResponse<InputStream> stream = http.send(
                HttpRequest.newBuilder(edge.resolve("/api/notifications/stream?ticket=" + ticket(ann)))
                        .header("Origin", ALLOWED)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = stream.body()) {
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue(ALLOWED);
            assertThat(new String(body.readNBytes(":connected".length()), StandardCharsets.UTF_8))
                    .isEqualTo(":connected");
        }

        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(edge.resolve("/api/notifications/stream?ticket=" + ticket(ann)))
                        .header("Origin", REFUSED)
                        .header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void fromTheTrustedProxyEachForwardedClientHasABudgetOfItsOwn() throws IOException {
        String first = "198.51.100." + (10 + (int) (Math.random() * 100));
        String second = "198.51.100." + (120 + (int) (Math.random() * 100));

        List<Raw> firsts = new ArrayList<>();
        for (int i = 0; i <= BURST; i++) {
            firsts.add(Raw.get(edge, "127.0.0.1", PROBE, Map.of("X-Forwarded-For", first)));
        }
        Raw secondsFirst = Raw.get(edge, "127.0.0.1", PROBE, Map.of("X-Forwarded-For", second));
        Raw byForwarded = Raw.get(
                edge, "127.0.0.1", PROBE, Map.of("Forwarded", "for=\"203.0.113." + (int) (Math.random() * 200) + "\""));

        assertThat(firsts.get(0).header("RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 1));
        assertThat(firsts.get(BURST).status()).isEqualTo(429);
        assertThat(secondsFirst.status()).isEqualTo(404);
        assertThat(secondsFirst.header("RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 1));
        assertThat(byForwarded.header("RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 1));
    }

    @Test
    void fromAnUntrustedPeerASpoofedForwardedForChangesNothing() throws IOException {
        List<Raw> answers = new ArrayList<>();
        for (int i = 0; i <= BURST; i++) {
            // a new address each time: were it believed, every request would have a full budget
            answers.add(Raw.get(edge, "127.0.0.2", PROBE, Map.of("X-Forwarded-For", "192.0.2." + (i + 1))));
        }

        assertThat(answers.get(0).header("RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 1));
        assertThat(answers.get(1).header("RateLimit-Remaining")).isEqualTo(Integer.toString(BURST - 2));
        assertThat(answers.get(BURST).status()).isEqualTo(429);
        assertThat(Raw.get(edge, "127.0.0.2", PROBE, Map.of("Forwarded", "for=192.0.2.200"))
                        .status())
                .isEqualTo(429);
    }

    private static String ticket(Session session) {
        Response issued = api.post("/api/notifications/stream-ticket", null, session.accessToken());
        assertThat(issued.status()).as("%s", issued).isEqualTo(200);
        return issued.json().get("ticket").asString();
    }

    private static HttpResponse<String> preflight(String origin, String method, String headers) throws Exception {
        return send(
                "OPTIONS",
                "/api/posts",
                origin,
                Map.of("Access-Control-Request-Method", method, "Access-Control-Request-Headers", headers));
    }

    private static HttpResponse<String> send(String method, String path, String origin, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(edge.resolve(path))
                .timeout(Duration.ofSeconds(15))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin);
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** HTTP/1.1 by hand, from a chosen local address: the gateway's direct peer. */
    private record Raw(int status, Map<String, String> headers) {

        static Raw get(URI gateway, String from, String path, Map<String, String> headers) throws IOException {
            try (Socket socket = new Socket()) {
                socket.bind(new InetSocketAddress(from, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", gateway.getPort()), 5_000);
                socket.setSoTimeout(15_000);
                StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
                headers.forEach((name, value) ->
                        request.append(name).append(": ").append(value).append("\r\n"));
                request.append("Connection: close\r\n\r\n");
                socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String[] lines = answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n");
                Map<String, String> received = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    received.put(
                            lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
                return new Raw(Integer.parseInt(lines[0].split(" ")[1]), received);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
