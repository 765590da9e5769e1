package social.support.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

import social.support.messaging.ContractMessageConverter;

/**
 * A row of the {@code outbox} table: an event committed and not yet confirmed by the broker.
 *
 * @param traceParent the W3C trace context the event carries (see {@link OutboxTracing}), or null
 */
record PendingEvent(long id, UUID eventId, String routingKey, String payload, Instant writtenAt, String traceParent) {
    private static final DefaultMessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

    /**
     * The aggregate the event is about, the first part of its routing key ({@code post} of {@code
     * post.created}): events of one aggregate never overtake each other.
     */
    String aggregate() {
        int dot = routingKey.indexOf('.');
        return dot < 0 ? routingKey : routingKey.substring(0, dot);
    }

    /** This event, carrying {@code traceParent} instead. */
    PendingEvent carrying(String traceParent) {
        return new PendingEvent(id, eventId, routingKey, payload, writtenAt, traceParent);
    }

    byte[] body() {
        return payload.getBytes(StandardCharsets.UTF_8);
    }

    /** @param sender the connection's broker user, which receivers check the event's owner against */
    AMQP.BasicProperties properties(String sender) {
        MessageProperties properties = new MessageProperties();
        if (sender != null) {
            properties.setUserId(sender);
        }
        properties.setMessageId(eventId.toString());
        properties.setType(routingKey);
        properties.setContentType(ContractMessageConverter.CONTENT_TYPE);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        if (traceParent != null) {
            properties.setHeader(OutboxTracing.TRACEPARENT, traceParent);
        }
        return PROPERTIES.fromMessageProperties(properties, StandardCharsets.UTF_8.name());
    }
}
