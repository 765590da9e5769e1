package social.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import social.support.testing.RealInfrastructure;
import social.support.testing.TcpProxy;
import social.support.testing.TestInfrastructure;

/**
 * The probes an orchestrator asks on a service's HTTP port (docs/scaling.md, "Probes and shutdown"): readiness
 * ({@code /actuator/health/readiness}) depends on the broker and the database, so an instance that
 * cannot reach them gets no new work and holds up a rolling update; liveness ({@code
 * /actuator/health/liveness}) on the application alone, so a broker outage restarts nothing. The
 * service reaches the broker through a proxy that the test cuts.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthProbesIT {
    private static final JsonMapper JSON = new JsonMapper();
    private static final TcpProxy BROKER = brokerProxy();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", BROKER::port);
    }

    @AfterAll
    static void closeProxy() throws IOException {
        BROKER.close();
    }

    @Test
    void readinessListsTheBrokerAndTheDatabaseAndLivenessOnlyTheApplicationItself() {
        Probe readiness = get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(components(readiness)).containsExactlyInAnyOrder("readinessState", "rabbit", "db");

        Probe liveness = get("/actuator/health/liveness");
        assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
        assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        assertThat(components(liveness)).containsExactly("livenessState");
    }

    @Test
    void aBrokerOutageTakesTheInstanceOutOfServiceButDoesNotRestartIt() throws IOException {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/actuator/health/readiness").status() == 200);
        BROKER.cut();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> get("/actuator/health/readiness").status() == 503);
            Probe readiness = get("/actuator/health/readiness");
            assertThat(readiness
                            .json()
                            .path("components")
                            .path("rabbit")
                            .path("status")
                            .asString())
                    .isEqualTo("DOWN");
            assertThat(readiness
                            .json()
                            .path("components")
                            .path("db")
                            .path("status")
                            .asString())
                    .isEqualTo("UP");

            Probe liveness = get("/actuator/health/liveness");
            assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
            assertThat(liveness.json().path("status").asString()).isEqualTo("UP");
        } finally {
            BROKER.start();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get("/actuator/health/readiness").status() == 200);
    }

    private static List<String> components(Probe probe) {
        List<String> names = new ArrayList<>();
        probe.json().path("components").propertyNames().forEach(names::add);
        return names;
    }

    private Probe get(String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Probe(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Probe(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static TcpProxy brokerProxy() {
        TestInfrastructure.start();
        try {
            return new TcpProxy(System.getProperty("RABBIT_HOST"), Integer.parseInt(System.getProperty("RABBIT_PORT")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
