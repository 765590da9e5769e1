package social.faults.workload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API as a client sees it: a status (0 when no answer came) and a JSON body. */
final class Api {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Longer than the gateway's RPC timeout: its 504 is an answer, a hung connection is not. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient http;

    Api(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    record Response(int status, JsonNode body, String error) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** A definite refusal: the request was understood and nothing happened. */
        boolean refused() {
            return status >= 400 && status < 500 && status != 401 && status != 429;
        }

        /** It may or may not have happened: a 5xx, or no answer at all. */
        boolean unknown() {
            return status == 0 || status >= 500;
        }
    }

    Response send(String method, String path, Object body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : parse(response.body());
            return new Response(response.statusCode(), json, null);
        } catch (IOException e) {
            return new Response(0, null, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(0, null, "interrupted");
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
