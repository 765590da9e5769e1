package social.support.config;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import social.contract.registry.Subscriptions;
import social.support.events.InstanceSubscription;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.ListenerContainers;
import social.support.messaging.MessageObservations;
import social.support.messaging.MessagingNames;
import social.support.messaging.MessagingProperties;
import social.support.messaging.Senders;
import social.support.messaging.Topology;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcEndpoint;

/** Request/reply and the shared topology, for every service and the gateway. */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Every message this party builds carries its broker user as the validated {@code user_id}. */
    @Bean
    ContractMessageConverter contractMessageConverter(@Value("${spring.rabbitmq.username}") String brokerUser) {
        return new ContractMessageConverter(brokerUser);
    }

    /** Whom receivers accept messages from: see {@link Senders} and {@code social.messaging.verify-senders}. */
    @Bean
    Senders senders(MessagingProperties properties) {
        return properties.verifySenders() ? Senders.enforced(properties.prefix()) : Senders.unchecked();
    }

    @Bean
    MessagingNames messagingNames(
            MessagingProperties properties, @Value("${spring.application.name}") String serviceName) {
        return new MessagingNames(properties.prefix(), serviceName);
    }

    /**
     * The durable subscriptions that event subscriptions are checked against and publishers wait
     * for: the contract's; a test application may declare its own.
     */
    @Bean
    @ConditionalOnMissingBean
    Subscriptions subscriptions() {
        return Subscriptions.contract();
    }

    @Bean
    Topology topology(MessagingNames names, MessagingProperties properties, Subscriptions subscriptions) {
        return new Topology(
                names,
                properties.transientTopology(),
                properties.deadLetterMaxLength(),
                subscriptions,
                properties.queueType());
    }

    /** The events exchange and the dead-letter exchange exist wherever a service starts. */
    @Bean
    Declarables sharedExchanges(Topology topology) {
        return new Declarables(topology.eventsExchange(), topology.deadLetterExchange());
    }

    /** Timers and trace context for what crosses the broker (docs/operations.md, "Metrics", "Tracing"). */
    @Bean
    MessageObservations messageObservations(ObjectProvider<ObservationRegistry> registry) {
        return new MessageObservations(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /** Request/reply over direct reply-to, many requests in flight per channel (see {@link RpcClient}). */
    @Bean(destroyMethod = "close")
    RpcClient rpcClient(
            ConnectionFactory connectionFactory,
            ContractMessageConverter converter,
            MessagingNames names,
            MessagingProperties properties,
            Topology topology,
            AmqpAdmin admin,
            Senders senders,
            MessageObservations observations) {
        return new RpcClient(
                connectionFactory,
                converter,
                names,
                properties.rpcTimeout(),
                service -> admin.declareExchange(topology.rpcExchange(service)),
                4,
                properties.rpcMaxInFlight(),
                senders,
                observations);
    }

    /**
     * Answers the requests of every {@link RpcEndpoint} bean of this service: one container per
     * request queue, however many features declare endpoints on it.
     */
    @Bean
    ListenerContainers rpcListeners(
            ObjectProvider<RpcEndpoint> endpoints,
            ConnectionFactory connectionFactory,
            ContractMessageConverter converter,
            MessagingProperties properties,
            Senders senders,
            MessageObservations observations,
            @Value("${spring.application.name}") String serviceName) {
        ListenerContainers containers =
                ListenerContainers.onOwnConnectionWithoutConfirms(connectionFactory, serviceName + " requests");
        RpcEndpoint.listenersByQueue(endpoints.orderedStream().toList(), converter, senders, observations)
                .forEach((queue, listener) ->
                        containers.add(queue, listener, properties.rpcConcurrency(), properties.rpcPrefetch()));
        return containers;
    }

    /**
     * Hands this instance the events of every {@link InstanceSubscription} bean, on the shared
     * connection (the one RabbitAdmin declares their exclusive queues on).
     */
    @Bean
    ListenerContainers instanceListeners(
            ObjectProvider<InstanceSubscription> subscriptions,
            ConnectionFactory connectionFactory,
            ContractMessageConverter converter,
            MessagingProperties properties,
            Senders senders,
            MessageObservations observations) {
        ListenerContainers containers = new ListenerContainers(connectionFactory);
        subscriptions
                .orderedStream()
                .forEach(subscription -> containers.addForInstance(
                        subscription.queue(),
                        subscription.listener(converter, senders, observations),
                        properties.prefetch(),
                        subscription::resubscribed,
                        subscription::lost));
        return containers;
    }
}
