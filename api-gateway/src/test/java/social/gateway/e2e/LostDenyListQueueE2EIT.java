package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Session;
import social.support.testing.TestInfrastructure;

/**
 * The deny list is not "at most once" any more (issue 23): a gateway whose queue of
 * {@code auth.login-ended} is gone when a logout is published still refuses that login's access
 * token within the promised second, though it never hears the event, and keeps refusing it once it
 * has subscribed again. The queue is kept gone deterministically: the test deletes it (rabbitmqctl)
 * and at once declares an exclusive queue of the same name on a connection of its own, so the
 * gateway cannot declare it again until the test lets go.
 */
class LostDenyListQueueE2EIT {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final String LOGIN_ENDINGS = ".login-endings.";

    private static Api api;
    private static Api second;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
        // the same second gateway LogoutE2EIT and NotificationsE2EIT use
        URI secondBase = Stack.get()
                .startInstance(
                        "api-gateway",
                        "2",
                        Map.of(
                                "SOCIAL_GATEWAY_NOTIFICATIONS_HEARTBEAT", "300ms",
                                "SOCIAL_GATEWAY_NOTIFICATIONS_MAXSTREAMSPERUSER", "2"));
        second = new Api(secondBase);
        TestInfrastructure.rabbitmqctl(
                "set_permissions", "-p", vhost(), TestInfrastructure.start().get("RABBIT_USER"), ".*", ".*", ".*");
    }

    @Test
    void aLogoutPublishedWhileTheGatewaysQueueIsGoneStillEndsItsAccessTokenWithinASecond() throws Exception {
        Session user = api.signUp("lostq");
        String otherToken = api.post(
                        "/api/auth/login", Map.of("username", user.username(), "password", user.password()))
                .json()
                .get("accessToken")
                .asString();
        assertThat(api.get("/api/users/me", user.accessToken()).status()).isEqualTo(200);
        assertThat(second.get("/api/users/me", user.accessToken()).status()).isEqualTo(200);
        List<String> queues = await("both gateways' login-endings queues")
                .atMost(Duration.ofSeconds(30))
                .until(LostDenyListQueueE2EIT::loginEndingsQueues, found -> found.size() >= 2);

        try (QueuesHeldAway held = QueuesHeldAway.from(queues)) {
            assertThat(api.post("/api/auth/logout", Map.of("refreshToken", user.refreshToken()), user.accessToken())
                            .status())
                    .isEqualTo(204);

            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get("/api/users/me", user.accessToken()).status() == 401);
            await().atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> second.get("/api/users/me", user.accessToken()).status() == 401);
            assertThat(api.get("/api/users/me", otherToken).status()).isEqualTo(200);
            assertThat(second.get("/api/users/me", otherToken).status()).isEqualTo(200);
        }

        // subscribed again (new queues of the same names): the token stays refused, the other login works
        await("the gateways subscribed again")
                .atMost(Duration.ofSeconds(30))
                .until(() -> loginEndingsQueues().containsAll(queues));
        assertThat(api.get("/api/users/me", user.accessToken()).status()).isEqualTo(401);
        assertThat(second.get("/api/users/me", user.accessToken()).status()).isEqualTo(401);
        assertThat(api.get("/api/users/me", otherToken).status()).isEqualTo(200);
        assertThat(second.get("/api/users/me", otherToken).status()).isEqualTo(200);
    }

    private static String vhost() {
        return Stack.get().brokerUsers().vhost();
    }

    private static List<String> loginEndingsQueues() {
        return TestInfrastructure.rabbitmqctl("list_queues", "-p", vhost(), "-q", "--no-table-headers", "name")
                .lines()
                .map(String::strip)
                .filter(name -> name.contains(LOGIN_ENDINGS))
                .toList();
    }

    /**
     * The gateways' queues deleted and declared again, exclusive to the test's connection: the
     * gateways cannot have them back (their declaration is refused, RESOURCE_LOCKED) until closed.
     */
    private static final class QueuesHeldAway implements AutoCloseable {
        private final Connection connection;

        private QueuesHeldAway(Connection connection) {
            this.connection = connection;
        }

        static QueuesHeldAway from(List<String> queues) throws Exception {
            Map<String, String> infrastructure = TestInfrastructure.start();
            Connection connection = Stack.get()
                    .brokerUsers()
                    .connectionFactory(infrastructure.get("RABBIT_USER"), infrastructure.get("RABBIT_PASSWORD"))
                    .newConnection("lost deny-list queue test");
            List<String> pending = new ArrayList<>(queues);
            // a gateway may declare its queue again between the delete and the test's declaration: again
            await("the gateways' queues held away")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        pending.removeIf(queue -> holdAway(connection, queue));
                        return pending.isEmpty();
                    });
            return new QueuesHeldAway(connection);
        }

        private static boolean holdAway(Connection connection, String queue) {
            try {
                delete(queue);
                Channel channel = connection.createChannel();
                try {
                    channel.queueDeclare(queue, false, true, true, Map.of());
                    return true;
                } catch (IOException e) {
                    return false; // the gateway was quicker (RESOURCE_LOCKED closed the channel)
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void delete(String queue) {
            // rabbitmqctl, not the management API: that refuses to delete another connection's exclusive queue
            TestInfrastructure.rabbitmqctl("delete_queue", "-p", vhost(), queue);
        }

        @Override
        public void close() throws IOException {
            try {
                connection.close(); // the exclusive queues go with it
            } catch (IOException e) {
                if (!(e.getCause() instanceof TimeoutException)) {
                    throw e;
                }
            }
        }
    }
}
