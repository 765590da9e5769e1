package social.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import social.support.messaging.MessagingNames;
import social.support.testing.RealInfrastructure;

/**
 * What an operator sees of user-service's dead letters on its own HTTP port: a gauge per dead-letter
 * queue in {@code /actuator/metrics}, the queues in {@code /actuator/deadletters}, a replay by
 * {@code POST /actuator/deadletters/{queue}}, and the in-order subscriptions in the health; all but
 * the health with the operator's token (MANAGEMENT_TOKEN).
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "social.messaging.dead-letter-poll-interval=200ms",
            "social.management.token=" + DeadLettersActuatorIT.OPERATOR_TOKEN
        })
class DeadLettersActuatorIT {
    static final String OPERATOR_TOKEN = "user-service-operator-token";
    private static final JsonMapper JSON = new JsonMapper();

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MessagingNames names;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOperatorSeesTheDeadLettersCountedAndReplaysThem() throws Exception {
        String queue = names.eventQueue("profile-counters");
        String deadLetters = names.deadLetterQueue(queue);
        // nobody can apply it: dead-lettered at once, also by an in-order subscription
        MessageProperties properties = new MessageProperties();
        properties.setType("java.util.HashMap");
        properties.setContentType("application/json");
        rabbit.send(names.eventsExchange(), "user.followed", new Message("{}".getBytes(), properties));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/actuator/metrics/social.events.dead.letters?tag=queue:" + deadLetters)
                                .path("measurements")
                                .path(0)
                                .path("value")
                                .asDouble()
                        == 1.0);
        JsonNode listed = get("/actuator/deadletters");
        assertThat(listed.findValuesAsString("deadLetterQueue")).contains(deadLetters);

        HttpResponse<String> replayed = post("/actuator/deadletters/" + queue);
        assertThat(replayed.statusCode()).isEqualTo(200);
        JsonNode replay = JSON.readTree(replayed.body());
        assertThat(replay.path("replayed").asInt()).isZero();
        // still unreadable: it stays where it was
        assertThat(replay.path("left").asInt()).isOne();
        assertThat(post("/actuator/deadletters/" + names.eventQueue("no-such-subscription"))
                        .statusCode())
                .isEqualTo(404);

        JsonNode health = get("/actuator/health").path("components").path("eventSubscriptions");
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("stuck").isEmpty()).isTrue();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + OPERATOR_TOKEN)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
