package social.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import social.gateway.edge.RawClient.Answer;

/**
 * Issue 26, item 1: a body's whole arrival is bounded (social.gateway.body-read-timeout), and so is
 * each wait for more of it (server.tomcat.connection-timeout), here both short.
 */
@SpringBootTest(
        classes = EdgeServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"social.gateway.body-read-timeout=1s", "server.tomcat.connection-timeout=2s"})
class SlowBodyTimeoutTest {
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Test
    void aBodyThatTricklesInPastTheBodyTimeoutIsAnswered408AndItsConnectionClosed() throws Exception {
        long start = System.nanoTime();
        try (Socket socket = RawClient.slowBody("127.0.4.1", port, 1_000)) {
            // a byte every 300 ms: each read is quick, the whole body would take 5 minutes
            Answer answer = null;
            for (int sent = 1; sent < 1_000; sent++) {
                RawClient.send(socket, " ");
                answer = RawClient.read(socket, Duration.ofMillis(300), start);
                if (answer.status() != 0) {
                    break;
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .as("answered within the body timeout and one read")
                        .isLessThan(Duration.ofSeconds(5));
            }
            assertThat(answer.status()).as(answer.text()).isEqualTo(408);
            assertThat(answer.text())
                    .contains("application/problem+json")
                    .contains("\"code\":\"HTTP_ERROR\"")
                    .containsIgnoringCase("Connection: close");
        }
    }

    @Test
    void aBodyThatStopsIsEndedByTheReadTimeoutAndTheClientIsServedAfterwards() throws Exception {
        long start = System.nanoTime();
        try (Socket socket = RawClient.slowBody("127.0.4.2", port, 1_000)) {
            Answer answer = RawClient.read(socket, ANSWER_WAIT, start);

            assertThat(answer.took()).isLessThan(Duration.ofSeconds(5));
            assertThat(answer.status()).as(answer.text()).isIn(408, 0);
        }
        assertThat(RawClient.get("127.0.4.2", port, ANSWER_WAIT).status()).isEqualTo(200);
    }

    @Test
    void aBodyThatArrivesInTimeReachesTheApiWhole() throws Exception {
        long start = System.nanoTime();
        try (Socket socket = RawClient.slowBody("127.0.4.3", port, 3)) {
            RawClient.send(socket, "}\n");
            Answer answer = RawClient.read(socket, ANSWER_WAIT, start);

            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.text()).endsWith("{\"read\":3}");
        }
    }
}
