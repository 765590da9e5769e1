package social.support.config;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import social.support.messaging.ContractMessageConverter;
import social.support.messaging.ListenerContainers;
import social.support.messaging.MessagingNames;
import social.support.messaging.MessagingProperties;
import social.support.messaging.Topology;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcEndpoint;

/** Request/reply and the shared topology, for every service and the gateway. */
@AutoConfiguration(afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    ContractMessageConverter contractMessageConverter() {
        return new ContractMessageConverter();
    }

    @Bean
    MessagingNames messagingNames(MessagingProperties properties, @Value("${spring.application.name}") String serviceName) {
        return new MessagingNames(properties.prefix(), serviceName);
    }

    @Bean
    Topology topology(MessagingNames names, MessagingProperties properties) {
        return new Topology(names, properties.transientTopology());
    }

    /** The events exchange and the dead-letter exchange exist wherever a service starts. */
    @Bean
    Declarables sharedExchanges(Topology topology) {
        return new Declarables(topology.eventsExchange(), topology.deadLetterExchange());
    }

    @Bean
    AsyncRabbitTemplate rpcTemplate(ConnectionFactory connectionFactory, ContractMessageConverter converter,
                                    MessagingProperties properties) {
        RabbitTemplate requests = new RabbitTemplate(connectionFactory);
        requests.setMessageConverter(converter);
        // 'direct reply-to': no reply queue per caller, replies come on the consumer of the request's channel
        AsyncRabbitTemplate template = new AsyncRabbitTemplate(requests);
        template.setReceiveTimeout(properties.rpcTimeout().toMillis());
        // an operation whose service never declared its queue fails at once instead of timing out
        template.setMandatory(true);
        // started by the context (it is a SmartLifecycle): starting it here would connect while
        // beans are still being created, and RabbitAdmin would miss their queues
        return template;
    }

    @Bean
    RpcClient rpcClient(AsyncRabbitTemplate rpcTemplate, MessagingNames names, MessagingProperties properties,
                        Topology topology, AmqpAdmin admin) {
        return new RpcClient(rpcTemplate, names, properties.rpcTimeout(),
                service -> admin.declareExchange(topology.rpcExchange(service)));
    }

    /** Answers the requests of every {@link RpcEndpoint} bean of this service. */
    @Bean
    ListenerContainers rpcListeners(ObjectProvider<RpcEndpoint> endpoints, ConnectionFactory connectionFactory,
                                    RabbitTemplate rabbitTemplate, ContractMessageConverter converter,
                                    MessagingProperties properties) {
        ListenerContainers containers = new ListenerContainers(connectionFactory);
        endpoints.orderedStream().forEach(endpoint -> containers.add(endpoint.queue(),
                endpoint.listener(converter, rabbitTemplate), properties.rpcConcurrency(), properties.rpcPrefetch()));
        return containers;
    }
}
