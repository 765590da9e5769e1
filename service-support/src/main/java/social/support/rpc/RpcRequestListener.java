package social.support.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.rabbitmq.client.Channel;
import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.amqp.support.converter.MessageConversionException;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.support.error.ServiceException;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessageObservations;
import social.support.messaging.Senders;

/**
 * Answers each request of one queue from the handlers of all its {@link RpcEndpoint}s: the
 * handler's result, or an error reply. A request whose caller has stopped waiting (its {@link
 * RpcClient#DEADLINE_HEADER deadline} passed) is dropped unanswered: the broker's expiration spares
 * only requests still in the queue, not those a consumer had already taken or prefetched.
 */
final class RpcRequestListener implements ChannelAwareMessageListener {
    private static final Logger log = LoggerFactory.getLogger(RpcRequestListener.class);
    private static final MessagePropertiesConverter PROPERTIES = new DefaultMessagePropertiesConverter();

    private final Map<String, RpcEndpoint.Handler<?, ?>> handlers;
    private final ContractMessageConverter converter;
    private final Senders senders;
    private final MessageObservations observations;

    /** @param handlers by routing key */
    RpcRequestListener(
            Map<String, RpcEndpoint.Handler<?, ?>> handlers,
            ContractMessageConverter converter,
            Senders senders,
            MessageObservations observations) {
        this.handlers = Map.copyOf(handlers);
        this.converter = converter;
        this.senders = senders;
        this.observations = observations;
    }

    @Override
    public void onMessage(Message request, Channel channel) {
        MessageProperties properties = request.getMessageProperties();
        String operation = properties.getReceivedRoutingKey();
        Observation observation =
                observations.rpcAnswer(handlers.containsKey(operation) ? operation : "unknown", properties);
        if (pastDeadline(properties)) {
            // acknowledged unanswered: nobody awaits the answer, and the work would be done for nobody
            log.debug("dropping {}: its caller stopped waiting", operation);
            MessageObservations.stop(observation.start(), "expired");
            return;
        }
        Object reply = null;
        observation.start();
        try (Observation.Scope scope = observation.openScope()) {
            reply = answer(operation, request);
        } finally {
            // the reply's own outcome: what the caller hears
            MessageObservations.stop(observation, outcomeOf(reply));
        }
        if (properties.getReplyTo() == null) {
            log.warn("dropping reply to {}: the request named no reply-to", operation);
            return;
        }
        MessageProperties replyProperties = new MessageProperties();
        replyProperties.setCorrelationId(properties.getCorrelationId());
        Message message = converter.toMessage(reply, replyProperties);
        try {
            // on the consumer's own channel: no channel to borrow, and no confirm (see ListenerContainers)
            channel.basicPublish(
                    "",
                    properties.getReplyTo(),
                    false,
                    PROPERTIES.fromMessageProperties(message.getMessageProperties(), StandardCharsets.UTF_8.name()),
                    message.getBody());
        } catch (IOException | RuntimeException e) {
            // the work is done: redelivering the request would do it twice; the caller times out
            log.warn("could not send the reply to {}: {}", properties.getReceivedRoutingKey(), e.toString());
        }
    }

    private static String outcomeOf(Object reply) {
        if (reply == null) {
            return "failed";
        }
        return reply instanceof ErrorReply error
                ? error.code().name().toLowerCase(Locale.ROOT)
                : MessageObservations.OK;
    }

    private static boolean pastDeadline(MessageProperties properties) {
        return properties.getHeader(RpcClient.DEADLINE_HEADER) instanceof Number deadline
                && System.currentTimeMillis() > deadline.longValue();
    }

    private Object answer(String routingKey, Message request) {
        RpcEndpoint.Handler<?, ?> handler = handlers.get(routingKey);
        if (handler == null) {
            return ErrorReply.of(ErrorCode.NOT_FOUND, "no operation " + routingKey);
        }
        try {
            Object payload = converter.fromMessage(request);
            if (!handler.operation().requestType().isInstance(payload)) {
                return ErrorReply.of(
                        ErrorCode.VALIDATION_FAILED,
                        routingKey + " does not take " + payload.getClass().getSimpleName());
            }
            String sender = request.getMessageProperties().getReceivedUserId();
            Optional<String> refused = senders.refusesRequest(sender, handler.operation(), payload);
            if (refused.isPresent()) {
                log.warn("refused {} from {}: {}", routingKey, sender, refused.get());
                return ErrorReply.of(ErrorCode.FORBIDDEN, "sender may not send " + routingKey);
            }
            Object result = handler.apply(payload);
            if (result == null) {
                throw new IllegalStateException(routingKey + " handler returned nothing");
            }
            return result;
        } catch (ServiceException e) {
            return e.reply();
        } catch (RpcTimeoutException | RpcUnavailableException e) {
            // a service this one depends on failed: say so, so the gateway answers 503, not 500
            log.warn("{} could not be answered: {}", routingKey, e.getMessage());
            return ErrorReply.of(ErrorCode.UNAVAILABLE, "a service this request needs is unavailable");
        } catch (MessageConversionException e) {
            log.warn("unreadable {} request: {}", routingKey, e.getMessage());
            return ErrorReply.of(ErrorCode.VALIDATION_FAILED, "unreadable request");
        } catch (RuntimeException e) {
            if (Outages.isOutage(e)) {
                // the database (or the broker) is away, not the request at fault: the caller may retry
                log.warn("{} could not be answered: {}", routingKey, e.toString());
                return ErrorReply.of(ErrorCode.UNAVAILABLE, "a resource this request needs is unavailable");
            }
            log.error("{} failed", routingKey, e);
            return ErrorReply.of(ErrorCode.INTERNAL, "internal error");
        }
    }
}
