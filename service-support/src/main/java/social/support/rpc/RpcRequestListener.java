package social.support.rpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.MessageConversionException;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.support.error.ServiceException;
import social.support.messaging.ContractMessageConverter;

/** Answers each request of an {@link RpcEndpoint}: the handler's result, or an error reply. */
final class RpcRequestListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(RpcRequestListener.class);

    private final RpcEndpoint endpoint;
    private final ContractMessageConverter converter;
    private final RabbitTemplate replies;

    RpcRequestListener(RpcEndpoint endpoint, ContractMessageConverter converter, RabbitTemplate replies) {
        this.endpoint = endpoint;
        this.converter = converter;
        this.replies = replies;
    }

    @Override
    public void onMessage(Message request) {
        MessageProperties properties = request.getMessageProperties();
        Object reply = answer(properties.getReceivedRoutingKey(), request);
        if (properties.getReplyTo() == null) {
            log.warn("dropping reply to {}: the request named no reply-to", properties.getReceivedRoutingKey());
            return;
        }
        MessageProperties replyProperties = new MessageProperties();
        replyProperties.setCorrelationId(properties.getCorrelationId());
        try {
            replies.send("", properties.getReplyTo(), converter.toMessage(reply, replyProperties));
        } catch (AmqpException e) {
            // the work is done: redelivering the request would do it twice; the caller times out
            log.warn("could not send the reply to {}: {}", properties.getReceivedRoutingKey(), e.toString());
        }
    }

    private Object answer(String routingKey, Message request) {
        RpcEndpoint.Handler<?, ?> handler = endpoint.handler(routingKey);
        if (handler == null) {
            return ErrorReply.of(ErrorCode.NOT_FOUND, "no operation " + routingKey);
        }
        try {
            Object payload = converter.fromMessage(request);
            if (!handler.operation().requestType().isInstance(payload)) {
                return ErrorReply.of(ErrorCode.VALIDATION_FAILED, routingKey + " does not take " + payload.getClass().getSimpleName());
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
            log.error("{} failed", routingKey, e);
            return ErrorReply.of(ErrorCode.INTERNAL, "internal error");
        }
    }
}
