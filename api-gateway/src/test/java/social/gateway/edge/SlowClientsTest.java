package social.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import social.gateway.edge.RawClient.Answer;

/**
 * Issue 26, item 1 (slowloris): clients that send a request's headers and one byte of its body,
 * then nothing, against the gateway's real server. They must not hold the load-shedding permits
 * (every API request answered 503), and one address may hold only so many requests at once.
 */
@SpringBootTest(
        classes = EdgeServer.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "social.gateway.max-requests-per-address=20",
            // Tomcat serves each request on a virtual thread on Java 21+, as the shipped image runs, and a body
            // being read holds none of a scarce pool: on Java 17 that takes platform threads enough for the 300
            // (no effect on 21+); the test is about the load-shedding permits
            "server.tomcat.threads.max=400",
            "social.gateway.proxies.trusted=127.0.3.0/24"
        })
class SlowClientsTest {
    private static final Logger log = LoggerFactory.getLogger(SlowClientsTest.class);
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    private final List<Socket> held = new ArrayList<>();

    @BeforeEach
    void countAfresh() {
        EdgeServer.POSTS_ARRIVED.set(0);
    }

    @AfterEach
    void hangUp() throws IOException {
        for (Socket socket : held) {
            socket.close();
        }
        // a request whose client hung up ends with its failed read
        await().atMost(Duration.ofSeconds(30)).until(() -> EdgeServer.IN_PROGRESS.get() == 0);
    }

    @Test
    void threeHundredBodiesSentSlowlyLeaveTheApiAnsweringAnotherClientWithinASecond() throws Exception {
        // 30 addresses, 10 each: under the per-address cap, so this is the load shedding's own test
        for (int i = 0; i < 300; i++) {
            held.add(RawClient.slowBody("127.0.1." + (1 + i % 30), port, 1_000));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> EdgeServer.POSTS_ARRIVED.get() >= 300);

        Answer answer = RawClient.get("127.0.0.2", port, ANSWER_WAIT);

        log.info(
                "with 300 slow bodies held, a GET got {} in {} ms",
                answer.status(),
                answer.took().toMillis());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.took()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void threeHundredSlowBodiesFromOneAddressHoldTwentyRequestsTheRestAre429AndOthersAreServed() throws Exception {
        for (int i = 0; i < 300; i++) {
            held.add(RawClient.slowBody("127.0.2.1", port, 1_000));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> EdgeServer.POSTS_ARRIVED.get() >= 20);

        Answer other = RawClient.get("127.0.2.2", port, ANSWER_WAIT);
        log.info(
                "with 300 slow bodies from one address, a GET from another got {} in {} ms",
                other.status(),
                other.took().toMillis());
        assertThat(other.status()).as(other.text()).isEqualTo(200);
        assertThat(other.took()).isLessThan(Duration.ofSeconds(1));

        Answer refused = RawClient.read(held.get(299), ANSWER_WAIT, System.nanoTime());
        assertThat(refused.status()).as(refused.text()).isEqualTo(429);
        assertThat(refused.text())
                .contains("application/problem+json")
                .contains("\"code\":\"RATE_LIMITED\"")
                .containsIgnoringCase("Retry-After: 1")
                .containsIgnoringCase("Connection: close");
        assertThat(EdgeServer.POSTS_ARRIVED.get())
                .as("only the cap's worth reached the application")
                .isEqualTo(20);
        assertThat(RawClient.get("127.0.2.1", port, ANSWER_WAIT).status()).isEqualTo(429);

        for (Socket socket : held) {
            socket.close();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> EdgeServer.IN_PROGRESS.get() == 0);
        assertThat(RawClient.get("127.0.2.1", port, ANSWER_WAIT).status())
                .as("the address's requests ended: it is served again")
                .isEqualTo(200);
    }

    @Test
    void aTrustedProxyCarriesManyClientsAndIsNotCapped() throws Exception {
        for (int i = 0; i < 30; i++) {
            held.add(RawClient.slowBody("127.0.3.1", port, 1_000));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> EdgeServer.POSTS_ARRIVED.get() >= 30);

        assertThat(RawClient.get("127.0.3.1", port, ANSWER_WAIT).status()).isEqualTo(200);
    }
}
