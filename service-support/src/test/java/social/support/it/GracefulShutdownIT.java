package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import social.contract.auth.UserRegistered;
import social.contract.user.CreateProfileRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;
import social.support.rpc.RpcClient;
import social.support.testing.RealInfrastructure;
import social.support.testing.TestInfrastructure;

/**
 * A service told to stop (SIGTERM, a rolling update, a scale-down) finishes the request it is
 * handling and answers it, and the event that request wrote leaves through the outbox before the
 * relay stops: the listeners drain first, the relay stops last.
 */
@ExtendWith(RealInfrastructure.class)
class GracefulShutdownIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private ConfigurableApplicationContext service;
    private MessagingNames names;
    private CachingConnectionFactory connections;
    private RabbitAdmin admin;
    private Queue observer;
    private RpcClient caller;

    @BeforeEach
    void startAServiceWithItsRelay() {
        // a prefix of its own: nothing else of this JVM answers its requests or relays its outbox
        String prefix = TestInfrastructure.start().get("MESSAGING_PREFIX") + "graceful-" + UUID.randomUUID() + ".";
        // arguments, not default properties: those rank below the services' shared defaults
        service = new SpringApplicationBuilder(SupportTestApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.application.name=support-graceful-it",
                        "--social.db.schema=support_it",
                        "--social.messaging.prefix=" + prefix,
                        "--social.messaging.rpc-timeout=20s",
                        "--social.outbox.relay-enabled=true");
        names = service.getBean(MessagingNames.class);

        // the caller and the observer are not part of the service: they outlive its stop
        connections = new CachingConnectionFactory(
                System.getProperty("RABBIT_HOST"), Integer.parseInt(System.getProperty("RABBIT_PORT")));
        connections.setUsername(System.getProperty("RABBIT_USER"));
        connections.setPassword(System.getProperty("RABBIT_PASSWORD"));
        admin = new RabbitAdmin(connections);
        observer = new Queue(names.eventQueue("graceful-observer"), false, false, true);
        admin.declareQueue(observer);
        admin.declareBinding(BindingBuilder.bind(observer)
                .to(new TopicExchange(names.eventsExchange()))
                .with("user.registered"));
        caller = new RpcClient(connections, new ContractMessageConverter(), names, DEADLINE, owner -> {});
    }

    @AfterEach
    void cleanUp() {
        SupportTestApplication.SLOW_PROFILES.open();
        if (service != null) {
            service.close();
        }
        caller.close();
        admin.deleteQueue(observer.getName());
        connections.destroy();
    }

    @Test
    void aStoppingServiceAnswersTheRequestInFlightAndRelaysTheEventItWroteBeforeItsRelayStops() throws Exception {
        SupportTestApplication.SLOW_PROFILES.close();
        String username = "graceful_" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<User> answer =
                caller.call(UserRpc.CREATE_PROFILE, new CreateProfileRequest(UUID.randomUUID(), username, "Graceful"));
        await().atMost(DEADLINE).until(() -> SupportTestApplication.SLOW_PROFILES.passed() == 1);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(service::close);
        // the stop waits for the handler instead of abandoning it
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !stopped.isDone());
        SupportTestApplication.SLOW_PROFILES.open();

        assertThat(answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS).username())
                .isEqualTo(username);
        stopped.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        service = null;
        assertThat(leftInTheOutbox(username))
                .as("left in the outbox at the stop")
                .isZero();
        Message published = new RabbitTemplate(connections).receive(observer.getName(), 5000);
        assertThat(published)
                .as("the event the request wrote reached the broker")
                .isNotNull();
        assertThat(((UserRegistered) new ContractMessageConverter().fromMessage(published)).username())
                .isEqualTo(username);
    }

    /** Read behind the stopped service's back: its connection pool is closed by now. */
    private static long leftInTheOutbox(String username) throws SQLException {
        try (Connection connection = TestInfrastructure.adminConnection("support_it");
                PreparedStatement query =
                        connection.prepareStatement("SELECT count(*) FROM outbox WHERE payload ->> 'username' = ?")) {
            query.setString(1, username);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
