package social.support.messaging;

import java.nio.charset.StandardCharsets;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import social.contract.registry.MessageTypes;
import social.support.text.Untrusted;

/**
 * JSON bodies from the {@code messages-contract} records. The AMQP {@code type} property holds
 * the record's logical id; on the way in it must name a registered contract type, so no class
 * name is ever read off the wire and nothing outside the contract can be instantiated.
 */
public final class ContractMessageConverter implements MessageConverter {
    public static final String CONTENT_TYPE = MessageProperties.CONTENT_TYPE_JSON;

    private final JsonMapper json;
    private final String sender;

    /** A converter whose messages carry no {@code user_id}: for reading, and for tests. */
    public ContractMessageConverter() {
        this(null);
    }

    /**
     * @param sender the broker user of this party's connections, set as the AMQP {@code user_id} of
     *               every message built here: RabbitMQ rejects it unless it is the connection's user,
     *               so receivers can trust it (see {@link Senders})
     */
    public ContractMessageConverter(String sender) {
        this.sender = sender;
        this.json = JsonMapper.builder()
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                // newer producers may add fields: older consumers ignore them
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        String type = MessageTypes.idOf(object.getClass());
        byte[] body = toJson(object);
        properties.setType(type);
        properties.setContentType(CONTENT_TYPE);
        properties.setContentEncoding(StandardCharsets.UTF_8.name());
        properties.setContentLength(body.length);
        if (sender != null) {
            properties.setUserId(sender);
        }
        return new Message(body, properties);
    }

    @Override
    public Object fromMessage(Message message) {
        String type = message.getMessageProperties().getType();
        Class<?> target = MessageTypes.classOf(type)
                .orElseThrow(
                        () -> new MessageConversionException("not a contract message type: " + Untrusted.quoted(type)));
        try {
            return json.readValue(message.getBody(), target);
        } catch (JacksonException e) {
            throw new MessageConversionException("unreadable " + type + " message", e);
        }
    }

    public byte[] toJson(Object object) {
        try {
            return json.writeValueAsBytes(object);
        } catch (JacksonException e) {
            throw new MessageConversionException(
                    "cannot write " + object.getClass().getSimpleName(), e);
        }
    }
}
