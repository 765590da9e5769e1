package social.gateway.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the public HTTP API, as an app would be: JSON in, status, headers and JSON out. Given
 * several gateway instances it sends each request to the next in turn, as a load balancer without
 * affinity would: a write through one and the read after it through another.
 */
public final class Api {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<URI> bases;
    private final AtomicInteger turn = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Api(URI base) {
        this(List.of(base));
    }

    private Api(List<URI> bases) {
        this.bases = List.copyOf(bases);
    }

    /** Every gateway instance of the stack, in turn. */
    public static Api ofStack() {
        return new Api(Stack.get().gateways());
    }

    /**
     * The gateway the next request goes to, taking its turn: for a client that opens connections of
     * its own (a notification stream), so that those are spread over the instances too.
     */
    public URI base() {
        return bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
    }

    public Response get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response post(String path, Object body, String token) {
        return send("POST", path, body, token, Map.of());
    }

    public Response post(String path, Object body) {
        return post(path, body, null);
    }

    public Response put(String path, Object body, String token) {
        return send("PUT", path, body, token, Map.of());
    }

    public Response patch(String path, Object body, String token) {
        return send("PATCH", path, body, token, Map.of());
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, null, token, Map.of());
    }

    /** {@code body}: a String is sent as it is (to send malformed JSON), anything else as JSON. */
    public Response send(String method, String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(15));
        String text = body == null ? null : body instanceof String raw ? raw : JSON.writeValueAsString(body);
        request.method(
                method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers and logs in a new user with a unique name; {@code prefix} makes logs readable. */
    public Session signUp(String prefix) {
        String username = (prefix + "_" + UUID.randomUUID().toString().replace("-", ""))
                .substring(0, Math.min(30, prefix.length() + 13));
        String password = "password-" + username;
        Response registered = post(
                "/api/auth/register",
                Map.of("username", username, "email", username + "@example.com", "password", password));
        if (registered.status() != 201) {
            throw new IllegalStateException("register " + username + ": " + registered);
        }
        Response login = post("/api/auth/login", Map.of("username", username, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("login " + username + ": " + login);
        }
        return new Session(
                registered.json().get("id").asString(),
                username,
                password,
                login.json().get("accessToken").asString(),
                login.json().get("refreshToken").asString());
    }

    public record Session(String id, String username, String password, String accessToken, String refreshToken) {}

    public record Response(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
