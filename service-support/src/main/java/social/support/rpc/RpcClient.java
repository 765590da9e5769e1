package social.support.rpc;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpMessageReturnedException;
import org.springframework.amqp.core.AmqpReplyTimeoutException;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;

import social.contract.ErrorReply;
import social.contract.rpc.Operation;
import social.support.messaging.MessagingNames;

/**
 * Asks the service that owns an operation and hands back its answer, without holding a thread
 * while waiting: replies come through RabbitMQ's direct reply-to. The future fails with
 * {@link RpcErrorException} for an error reply, {@link RpcTimeoutException} when no reply came in
 * time, and {@link RpcUnavailableException} when the request could not be delivered.
 */
public class RpcClient {
    private final AsyncRabbitTemplate template;
    private final MessagingNames names;
    private final String expiration;
    private final Consumer<String> declareExchange;
    private final Set<String> declaredServices = ConcurrentHashMap.newKeySet();

    /**
     * @param declareExchange declares a service's RPC exchange: the caller declares it too, so that a
     *                        request to a service that never started is returned at once (503)
     *                        rather than refused by the broker as a channel error
     */
    public RpcClient(AsyncRabbitTemplate template, MessagingNames names, Duration timeout,
                     Consumer<String> declareExchange) {
        this.template = template;
        this.names = names;
        this.declareExchange = declareExchange;
        // a request nobody picked up in time is dropped by the broker, not answered late
        this.expiration = Long.toString(timeout.toMillis());
    }

    public <Q, R> CompletableFuture<R> call(Operation<Q, R> operation, Q request) {
        CompletableFuture<R> result = new CompletableFuture<>();
        CompletableFuture<Object> pending;
        try {
            if (!declaredServices.contains(operation.service())) {
                declareExchange.accept(operation.service());
                declaredServices.add(operation.service());
            }
            pending = template.convertSendAndReceive(names.rpcExchange(operation.service()), operation.routingKey(),
                    request, message -> {
                        message.getMessageProperties().setExpiration(expiration);
                        // a request is worthless after its timeout: never worth a disk write
                        message.getMessageProperties().setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
                        return message;
                    });
        } catch (AmqpException e) {
            result.completeExceptionally(new RpcUnavailableException(operation.service(), e));
            return result;
        }
        pending.whenComplete((reply, failure) -> {
            if (failure != null) {
                result.completeExceptionally(translate(operation, failure));
            } else if (reply instanceof ErrorReply error) {
                result.completeExceptionally(new RpcErrorException(error));
            } else if (operation.replyType().isInstance(reply)) {
                result.complete(operation.replyType().cast(reply));
            } else {
                result.completeExceptionally(new IllegalStateException(operation.routingKey() + " answered "
                        + (reply == null ? "nothing" : reply.getClass().getSimpleName())));
            }
        });
        return result;
    }

    /**
     * For a service that needs another's answer while handling a message: waits at most
     * {@code wait} (shorter than the caller's own timeout, so the caller hears why) and throws
     * the failure itself ({@link RpcErrorException}, {@link RpcTimeoutException},
     * {@link RpcUnavailableException}) rather than a wrapper.
     */
    public <Q, R> R callAndWait(Operation<Q, R> operation, Q request, Duration wait) {
        try {
            return call(operation, request).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new RpcTimeoutException(operation.routingKey());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcUnavailableException(operation.service(), e);
        }
    }

    private static Throwable translate(Operation<?, ?> operation, Throwable failure) {
        Throwable cause = failure.getCause() != null && !(failure instanceof AmqpException) ? failure.getCause() : failure;
        if (cause instanceof AmqpReplyTimeoutException) {
            return new RpcTimeoutException(operation.routingKey());
        }
        if (cause instanceof AmqpMessageReturnedException || cause instanceof AmqpException) {
            return new RpcUnavailableException(operation.service(), cause);
        }
        return cause;
    }
}
