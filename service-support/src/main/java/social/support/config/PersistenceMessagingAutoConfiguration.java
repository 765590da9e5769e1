package social.support.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import social.contract.registry.Subscriptions;
import social.support.events.DeadLetters;
import social.support.events.DeadLettersEndpoint;
import social.support.events.EventConsumers;
import social.support.events.EventConsumption;
import social.support.events.EventSubscription;
import social.support.events.Inbox;
import social.support.events.InboxJanitor;
import social.support.events.StuckEvent;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.ListenerContainers;
import social.support.messaging.MessageObservations;
import social.support.messaging.MessagingNames;
import social.support.messaging.MessagingProperties;
import social.support.messaging.Senders;
import social.support.messaging.Topology;
import social.support.outbox.EventOutbox;
import social.support.outbox.OutboxProperties;
import social.support.outbox.OutboxRelay;
import social.support.outbox.OutboxTracing;

/** The transactional outbox and idempotent event consumers, for services that own a database. */
@AutoConfiguration(
        after = MessagingAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"
        })
@ConditionalOnClass(JdbcTemplate.class)
@ConditionalOnBean({DataSource.class, PlatformTransactionManager.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class PersistenceMessagingAutoConfiguration {

    /**
     * Publishes the outbox on a broker connection of its own, as {@code connectionFactory} connects,
     * each event once the queues of all the subscriptions that take it exist.
     */
    @Bean
    OutboxRelay outboxRelay(
            DataSource dataSource,
            ConnectionFactory connectionFactory,
            MessagingNames names,
            Subscriptions subscriptions,
            OutboxProperties properties,
            @Value("${spring.rabbitmq.username}") String brokerUser,
            ObjectProvider<MeterRegistry> meters,
            OutboxTracing tracing) {
        if (!(connectionFactory instanceof AbstractConnectionFactory broker)) {
            throw new IllegalStateException(
                    "the outbox relay connects as a " + AbstractConnectionFactory.class.getName() + " does, not as "
                            + connectionFactory.getClass().getName());
        }
        return new OutboxRelay(
                dataSource,
                broker.getRabbitConnectionFactory(),
                names,
                subscriptions,
                properties,
                brokerUser,
                meters.getIfAvailable(SimpleMeterRegistry::new),
                tracing);
    }

    /** Trace context stored with each event and continued when it is published (docs/operations.md, "Tracing"). */
    @Bean
    OutboxTracing outboxTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new OutboxTracing(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    @Bean
    EventOutbox eventOutbox(
            DataSource dataSource, ContractMessageConverter converter, OutboxRelay relay, OutboxTracing tracing) {
        return new EventOutbox(new JdbcTemplate(dataSource), converter, relay, tracing);
    }

    @Bean
    Inbox inbox(DataSource dataSource, PlatformTransactionManager transactionManager) {
        return new Inbox(new JdbcTemplate(dataSource), new TransactionTemplate(transactionManager));
    }

    @Bean
    InboxJanitor inboxJanitor(DataSource dataSource, MessagingProperties properties) {
        return new InboxJanitor(new JdbcTemplate(dataSource), properties.processedEventRetention());
    }

    /**
     * The listeners of every {@link EventSubscription} bean of this service, which must be all that
     * the inventory of subscriptions lists for it.
     */
    @Bean
    EventConsumers eventConsumers(
            ObjectProvider<EventSubscription> subscriptions,
            ContractMessageConverter converter,
            Inbox inbox,
            MessagingProperties properties,
            Senders senders,
            Topology topology,
            MessageObservations observations) {
        List<EventSubscription> declared = subscriptions.orderedStream().toList();
        EventSubscription.requireEveryListed(declared, topology);
        return new EventConsumers(declared, converter, inbox, EventConsumption.of(properties), senders, observations);
    }

    /** Applies the events of every {@link EventSubscription} bean of this service. */
    @Bean
    ListenerContainers eventListeners(
            EventConsumers consumers, ConnectionFactory connectionFactory, MessagingProperties properties) {
        ListenerContainers containers = new ListenerContainers(connectionFactory);
        consumers.addTo(containers, properties.eventConcurrency(), properties.prefetch());
        return containers;
    }

    /** The event subscriptions' dead-letter queues: counted for the gauges, and replayed on request. */
    @Bean
    DeadLetters deadLetters(
            EventConsumers consumers,
            RabbitTemplate rabbitTemplate,
            MessagingNames names,
            MessagingProperties properties) {
        return new DeadLetters(consumers, rabbitTemplate, names, properties.deadLetterPollInterval());
    }

    /** {@code /actuator/deadletters} (exposed by {@code social-service-defaults.properties}). */
    @Bean
    DeadLettersEndpoint deadLettersEndpoint(DeadLetters deadLetters) {
        return new DeadLettersEndpoint(deadLetters);
    }

    /**
     * {@code eventSubscriptions} in {@code /actuator/health}: the in-order subscriptions stuck at an
     * event that keeps failing, with the event. UP all the same: the service does everything else,
     * and restarting it would not help; the gauge {@code social.events.stuck} is there to alert on.
     */
    @Bean
    HealthIndicator eventSubscriptionsHealthIndicator(EventConsumers consumers) {
        return () -> {
            Map<String, Object> stuck = new LinkedHashMap<>();
            consumers.stuck().forEach((queue, event) -> stuck.put(queue, details(event)));
            return Health.up().withDetail("stuck", stuck).build();
        };
    }

    private static Map<String, Object> details(StuckEvent event) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("eventId", event.eventId().toString());
        details.put("type", event.type());
        details.put("failingSince", event.since().toString());
        details.put("attempts", event.attempts());
        details.put("lastFailure", event.lastFailure());
        return details;
    }
}
