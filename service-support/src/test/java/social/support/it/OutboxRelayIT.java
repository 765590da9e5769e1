package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import social.contract.auth.UserRegistered;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;
import social.support.outbox.EventOutbox;
import social.support.outbox.OutboxProperties;
import social.support.outbox.OutboxRelay;
import social.support.testing.TcpProxy;

/** No event is lost: one written while the broker is unreachable goes out once it is back. */
@SupportIntegrationTest
class OutboxRelayIT {
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MessagingNames names;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    RabbitTemplate rabbit;

    private TcpProxy proxy;
    private CachingConnectionFactory connections;
    private OutboxRelay relay;
    private EventOutbox outbox;
    private Queue observer;

    @BeforeEach
    void relayThroughACuttableConnection() throws Exception {
        jdbc.update("DELETE FROM outbox");
        proxy = new TcpProxy(System.getProperty("RABBIT_HOST"), Integer.parseInt(System.getProperty("RABBIT_PORT")))
                .start();
        connections = new CachingConnectionFactory("127.0.0.1", proxy.port());
        connections.setUsername(System.getProperty("RABBIT_USER"));
        connections.setPassword(System.getProperty("RABBIT_PASSWORD"));
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        OutboxProperties properties =
                new OutboxProperties(Duration.ofSeconds(1), 200, Duration.ofSeconds(5), Duration.ofMillis(100), false);
        relay = new OutboxRelay(jdbc, transactions, new RabbitTemplate(connections), names, properties, null);
        outbox = new EventOutbox(jdbc, new ContractMessageConverter(), relay);
        observer = new Queue(names.eventQueue("outbox-observer-" + UUID.randomUUID()), false, false, false);
        admin.declareQueue(observer);
        admin.declareBinding(BindingBuilder.bind(observer)
                .to(new TopicExchange(names.eventsExchange()))
                .with("user.registered"));
    }

    @AfterEach
    void close() throws Exception {
        connections.destroy();
        proxy.close();
        admin.deleteQueue(observer.getName());
    }

    @Test
    void anEventWrittenWhileTheBrokerIsUnreachableIsPublishedOnceItIsBack() throws Exception {
        proxy.cut();
        UserRegistered event =
                new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "outage", "Outage");
        transactions.executeWithoutResult(status -> outbox.publish(event));

        assertThatThrownBy(relay::relayPending).isNotNull();
        assertThat(pending()).isEqualTo(1);

        proxy.start();
        assertThat(relay.relayPending()).isEqualTo(1);
        assertThat(pending()).isZero();

        Message delivered = rabbit.receive(observer.getName(), 5000);
        assertThat(delivered).isNotNull();
        assertThat(delivered.getMessageProperties().getMessageId())
                .isEqualTo(event.eventId().toString());
        assertThat(delivered.getMessageProperties().getType()).isEqualTo("user.registered");
        assertThat(new ContractMessageConverter().fromMessage(delivered)).isEqualTo(event);
        assertThat(rabbit.receive(observer.getName(), 200)).as("published once").isNull();
    }

    @Test
    void anEventIsWrittenOnlyWithItsTransactionsCommit() {
        UserRegistered event =
                new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "rolled", "Back");
        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    outbox.publish(event);
                    throw new IllegalStateException("the state change failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(pending()).isZero();
        assertThatThrownBy(() -> outbox.publish(event)).hasMessageContaining("transaction");
    }

    @Test
    void eventsGoOutOldestFirstInBatches() {
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 450; i++) {
                outbox.publish(
                        new UserRegistered(UUID.randomUUID(), Instant.now(), 1, UUID.randomUUID(), "u" + i, "U"));
            }
        });
        assertThat(relay.relayPending()).isEqualTo(450);
        for (int i = 0; i < 450; i++) {
            UserRegistered received = (UserRegistered)
                    new ContractMessageConverter().fromMessage(rabbit.receive(observer.getName(), 5000));
            assertThat(received.username()).isEqualTo("u" + i);
        }
    }

    private int pending() {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM outbox", Integer.class);
        return count == null ? 0 : count;
    }
}
