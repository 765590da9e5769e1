package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import social.contract.ErrorCode;
import social.contract.auth.AuthRpc;
import social.contract.auth.GetVerificationKeysRequest;
import social.contract.user.FindUserByUsernameRequest;
import social.contract.user.GetUserRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.ListenerContainers;
import social.support.messaging.MessageObservations;
import social.support.messaging.MessagingNames;
import social.support.messaging.Senders;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;
import social.support.rpc.RpcTimeoutException;
import social.support.rpc.RpcUnavailableException;
import social.support.testing.TcpProxy;

@SupportIntegrationTest
class RpcIT {
    @Autowired
    RpcClient rpc;

    @Autowired
    @Qualifier("rpcListeners")
    ListenerContainers rpcListeners;

    @Autowired
    MessagingNames names;

    @Test
    void aRequestGetsTheOwningServicesReply() throws Exception {
        User user = rpc.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER))
                .get(5, TimeUnit.SECONDS);
        assertThat(user.username()).isEqualTo("known");
        assertThat(user.postsCount()).isEqualTo(3);
    }

    @Test
    void twoEndpointsOfOneServiceAnswerFromItsOneRequestQueue() throws Exception {
        User byName = rpc.call(UserRpc.FIND_BY_USERNAME, new FindUserByUsernameRequest("known"))
                .get(5, TimeUnit.SECONDS);
        User byId = rpc.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER))
                .get(5, TimeUnit.SECONDS);

        assertThat(byName).isEqualTo(byId);
    }

    @Test
    void aRefusalArrivesAsAnErrorReplyWithItsCode() {
        assertThatThrownBy(() -> rpc.call(UserRpc.GET, new GetUserRequest(UUID.randomUUID()))
                        .get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        RpcErrorException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void aRequestToAServiceThatNeverStartedIsUnavailableAtOnce() {
        Instant start = Instant.now();
        assertThatThrownBy(() -> rpc.call(AuthRpc.VERIFICATION_KEYS, new GetVerificationKeysRequest())
                        .get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOf(RpcUnavailableException.class);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(900));
    }

    @Test
    void aRequestToAStoppedServiceTimesOutWithinTheTimeoutPlusOneSecond() {
        rpcListeners.stop();
        try {
            Instant start = Instant.now();
            assertThatThrownBy(() -> rpc.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER))
                            .get(10, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(RpcTimeoutException.class);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        } finally {
            rpcListeners.start();
        }
    }

    @Test
    void aRequestWhileTheBrokerIsUnreachableIsUnavailable() throws Exception {
        int nothingListens;
        try (ServerSocket probe = new ServerSocket(0)) {
            nothingListens = probe.getLocalPort();
        }
        CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", nothingListens);
        RpcClient cutOff =
                new RpcClient(connections, new ContractMessageConverter(), names, Duration.ofSeconds(1), service -> {});
        try {
            assertThatThrownBy(() -> cutOff.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER))
                            .get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(RpcUnavailableException.class);
        } finally {
            cutOff.close();
            connections.destroy();
        }
    }

    @Test
    void beyondTheInFlightLimitARequestIsShedAtOnceInsteadOfQueued(@Autowired ConnectionFactory connections)
            throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        RpcClient small = new RpcClient(
                connections,
                new ContractMessageConverter(),
                names,
                Duration.ofSeconds(1),
                service -> {},
                1,
                1,
                Senders.unchecked(),
                new MessageObservations(observations));
        rpcListeners.stop();
        try {
            var waiting = small.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER));
            Instant start = Instant.now();
            assertThatThrownBy(() -> small.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER))
                            .get(5, TimeUnit.SECONDS))
                    .cause()
                    .isInstanceOf(RpcUnavailableException.class);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(500));
            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RpcTimeoutException.class);
            // each counted by operation and outcome, as the dashboards show them
            assertThat(meters.get(MessageObservations.RPC_CLIENT)
                            .tags("operation", UserRpc.GET.routingKey(), "outcome", "shed")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get(MessageObservations.RPC_CLIENT)
                            .tags("operation", UserRpc.GET.routingKey(), "outcome", "timeout")
                            .timer()
                            .count())
                    .isEqualTo(1);
        } finally {
            rpcListeners.start();
            small.close();
        }
    }

    /**
     * Requests a consumer had prefetched while its handlers were busy are past the broker's
     * expiration check: they must not run once their callers gave up.
     */
    @Test
    void aRequestWhoseCallerGaveUpWhileItWaitedIsNotExecuted() {
        SupportTestApplication.SLOW_LOOKUPS.close();
        try {
            // more than the consumers (8) can take at once: the rest wait in their prefetch buffers
            var calls = java.util.stream.IntStream.range(0, 16)
                    .mapToObj(i -> rpc.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.SLOW_USER)))
                    .toList();
            for (var call : calls) {
                assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RpcTimeoutException.class);
            }
            int begunInTime = SupportTestApplication.SLOW_LOOKUPS.passed();
            assertThat(begunInTime).isBetween(1, 15);

            SupportTestApplication.SLOW_LOOKUPS.open();

            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> SupportTestApplication.SLOW_LOOKUPS.passed() == begunInTime);
        } finally {
            SupportTestApplication.SLOW_LOOKUPS.open();
        }
    }

    @Test
    void aCallWhoseChannelDiesFailsAsUnavailableAtOnceNotAfterTheTimeout() throws Exception {
        SupportTestApplication.SLOW_LOOKUPS.close();
        try (TcpProxy proxy = new TcpProxy(
                        System.getProperty("RABBIT_HOST"), Integer.parseInt(System.getProperty("RABBIT_PORT")))
                .start()) {
            CachingConnectionFactory connections = new CachingConnectionFactory("127.0.0.1", proxy.port());
            connections.setUsername(System.getProperty("RABBIT_USER"));
            connections.setPassword(System.getProperty("RABBIT_PASSWORD"));
            RpcClient client = new RpcClient(
                    connections, new ContractMessageConverter(), names, Duration.ofSeconds(10), service -> {});
            try {
                var waiting = client.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.SLOW_USER));
                await().atMost(Duration.ofSeconds(5)).until(() -> SupportTestApplication.SLOW_LOOKUPS.passed() == 1);

                Instant cut = Instant.now();
                proxy.cut();

                assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS))
                        .cause()
                        .isInstanceOf(RpcUnavailableException.class);
                assertThat(Duration.between(cut, Instant.now())).isLessThan(Duration.ofSeconds(2));

                proxy.start();
                User user = client.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER))
                        .get(5, TimeUnit.SECONDS);
                assertThat(user.id()).isEqualTo(SupportTestApplication.KNOWN_USER);
            } finally {
                client.close();
                connections.destroy();
            }
        } finally {
            SupportTestApplication.SLOW_LOOKUPS.open();
        }
    }

    @Test
    void manyConcurrentRequestsAllGetTheirOwnReplies() throws Exception {
        var futures = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> rpc.call(UserRpc.GET, new GetUserRequest(SupportTestApplication.KNOWN_USER)))
                .toList();
        List<User> replies = new java.util.ArrayList<>();
        for (var future : futures) {
            replies.add(future.get(10, TimeUnit.SECONDS));
        }
        assertThat(replies)
                .hasSize(200)
                .allSatisfy(user -> assertThat(user.id()).isEqualTo(SupportTestApplication.KNOWN_USER));
    }
}
