package social.support.testing;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import social.contract.Event;
import social.contract.registry.MessageTypes;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;

/**
 * Publishes an event straight to the events exchange, as the outbox relay would: to deliver an
 * event again with the same {@code eventId}, the way at-least-once delivery sometimes does, or an
 * event of another service that a test stands in for. A bean in every {@link ServiceIntegrationTest}.
 */
public final class EventReplay {
    private final RabbitTemplate rabbit;
    private final ContractMessageConverter converter;
    private final MessagingNames names;

    public EventReplay(RabbitTemplate rabbit, ContractMessageConverter converter, MessagingNames names) {
        this.rabbit = rabbit;
        this.converter = converter;
        this.names = names;
    }

    public void deliver(Event event) {
        rabbit.send(
                names.eventsExchange(),
                MessageTypes.idOf(event.getClass()),
                converter.toMessage(event, new MessageProperties()));
    }
}
