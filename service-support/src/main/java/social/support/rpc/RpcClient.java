package social.support.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.micrometer.observation.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpMessageReturnedException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.support.converter.MessageConverter;

import social.contract.ErrorReply;
import social.contract.rpc.Operation;
import social.support.messaging.MessageObservations;
import social.support.messaging.MessagingNames;
import social.support.messaging.Senders;

/**
 * Asks the service that owns an operation and hands back its answer: replies come through
 * RabbitMQ's direct reply-to. A call fails with {@link RpcErrorException} for an error reply,
 * {@link RpcTimeoutException} when no reply came in time, and {@link RpcUnavailableException} when
 * the request could not be delivered. {@link #callAndWait(Operation, Object)} waits for the answer
 * and throws these itself; {@link #call} answers a future instead, for questions asked together
 * and awaited with {@link #await}.
 *
 * <p>Requests are multiplexed over a few long-lived channels ("lanes"), each with one consumer of
 * {@code amq.rabbitmq.reply-to}; replies are matched by correlation id. Many requests are in flight
 * on one channel at once, as direct reply-to allows. (Spring's {@code AsyncRabbitTemplate} holds one
 * channel and consumer per outstanding request and creates a new consumer - a broker round trip -
 * under one lock whenever all are busy; under load that lock became the gateway's bottleneck.)
 */
public class RpcClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcClient.class);
    private static final String REPLY_TO = "amq.rabbitmq.reply-to";
    /**
     * When the caller stops waiting, in epoch milliseconds: a request still unanswered then is
     * dropped by the service that holds it (see {@link RpcRequestListener}), even one it took off the
     * queue before the broker's expiration struck.
     */
    public static final String DEADLINE_HEADER = "x-deadline";

    public static final int DEFAULT_MAX_IN_FLIGHT = 2_000;

    private final ConnectionFactory connectionFactory;
    private final MessageConverter converter;
    private final MessagingNames names;
    private final Duration timeout;
    private final String expiration;
    private final Consumer<String> declareExchange;
    private final Set<String> declaredServices = ConcurrentHashMap.newKeySet();
    private final DefaultMessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Lane[] lanes;
    private final int maxInFlight;
    private final Senders senders;
    private final MessageObservations observations;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "rpc-timeouts");
        t.setDaemon(true);
        return t;
    });
    /**
     * Where a reply's continuation runs (assembling, the next request, the HTTP answer): not on the
     * broker connection's few dispatch threads, so that one continuation waiting to publish never
     * holds up the delivery of other replies. Virtual threads where the runtime has them.
     */
    private final ExecutorService continuations = continuationExecutor();

    /** A call awaiting its reply, and the channel its request went out on (set just before it is published). */
    private static final class Pending {
        final CompletableFuture<Object> reply;
        final Operation<?, ?> operation;
        final ScheduledFuture<?> timeout;
        /** The caller's observation: in scope where the reply's continuation runs, so that its next calls join its trace. */
        final Observation caller;

        volatile Channel channel;

        Pending(
                CompletableFuture<Object> reply,
                Operation<?, ?> operation,
                ScheduledFuture<?> timeout,
                Observation caller) {
            this.reply = reply;
            this.operation = operation;
            this.timeout = timeout;
            this.caller = caller;
        }

        /** Completes the reply where the caller's observation is current. */
        void complete(Runnable completion) {
            if (caller == null) {
                completion.run();
                return;
            }
            try (Observation.Scope scope = caller.openScope()) {
                completion.run();
            }
        }

        CompletableFuture<Object> reply() {
            return reply;
        }

        Operation<?, ?> operation() {
            return operation;
        }

        ScheduledFuture<?> timeout() {
            return timeout;
        }
    }

    /**
     * @param declareExchange declares a service's RPC exchange: the caller declares it too, so that a
     *                        request to a service that never started is returned at once (503)
     *                        rather than refused by the broker as a channel error
     * @param lanes           channels to multiplex requests over
     * @param maxInFlight     requests awaiting a reply at most; beyond, a request fails at once as
     *                        unavailable (503) instead of piling up until memory runs out
     * @param senders         whose replies count: a reply whose validated {@code user_id} is not the
     *                        operation owner's is ignored (the caller keeps waiting for the real one)
     * @param observations    times each call by operation and outcome, and carries its trace context
     */
    public RpcClient(
            ConnectionFactory connectionFactory,
            MessageConverter converter,
            MessagingNames names,
            Duration timeout,
            Consumer<String> declareExchange,
            int lanes,
            int maxInFlight,
            Senders senders,
            MessageObservations observations) {
        this.connectionFactory = connectionFactory;
        this.senders = senders;
        this.observations = observations;
        this.maxInFlight = maxInFlight;
        this.converter = converter;
        this.names = names;
        this.timeout = timeout;
        this.declareExchange = declareExchange;
        // a request nobody picked up in time is dropped by the broker, not answered late
        this.expiration = Long.toString(timeout.toMillis());
        // a timeout cancelled by its reply leaves the queue at once: it holds the whole request
        this.timer.setRemoveOnCancelPolicy(true);
        this.lanes = new Lane[Math.max(1, lanes)];
        for (int i = 0; i < this.lanes.length; i++) {
            this.lanes[i] = new Lane();
        }
    }

    public RpcClient(
            ConnectionFactory connectionFactory,
            MessageConverter converter,
            MessagingNames names,
            Duration timeout,
            Consumer<String> declareExchange) {
        this(
                connectionFactory,
                converter,
                names,
                timeout,
                declareExchange,
                4,
                DEFAULT_MAX_IN_FLIGHT,
                Senders.unchecked(),
                MessageObservations.none());
    }

    /**
     * Sends the question and answers at once with a future of its reply, for a caller that asks
     * several questions in parallel; wait for it with {@link #await}. One question at a time is
     * simpler with {@link #callAndWait(Operation, Object)}.
     */
    public <Q, R> CompletableFuture<R> call(Operation<Q, R> operation, Q request) {
        CompletableFuture<R> result = new CompletableFuture<>();
        CompletableFuture<Object> reply = new CompletableFuture<>();
        String correlationId = UUID.randomUUID().toString();
        MessageProperties props = new MessageProperties();
        Observation observation = observations.rpcCall(operation.service(), operation.routingKey(), props);
        if (pending.size() >= maxInFlight) {
            MessageObservations.stop(observation, "shed");
            result.completeExceptionally(new RpcUnavailableException(
                    operation.service(), new IllegalStateException(maxInFlight + " requests already await replies")));
            return result;
        }
        result.whenComplete((answer, failure) -> MessageObservations.stop(observation, outcome(failure)));
        try {
            if (!declaredServices.contains(operation.service())) {
                declareExchange.accept(operation.service());
                declaredServices.add(operation.service());
            }
            props.setCorrelationId(correlationId);
            props.setReplyTo(REPLY_TO);
            props.setExpiration(expiration);
            props.setHeader(DEADLINE_HEADER, System.currentTimeMillis() + timeout.toMillis());
            // a request is worthless after its timeout: never worth a disk write
            props.setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT);
            Message message = converter.toMessage(request, props);
            ScheduledFuture<?> timer = this.timer.schedule(
                    () -> {
                        if (pending.remove(correlationId) != null) {
                            reply.completeExceptionally(new RpcTimeoutException(operation.routingKey()));
                        }
                    },
                    timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            Pending call = new Pending(reply, operation, timer, callerOf(observation));
            pending.put(correlationId, call);
            Lane lane = lanes[ThreadLocalRandom.current().nextInt(lanes.length)];
            lane.publish(
                    call,
                    names.rpcExchange(operation.service()),
                    operation.routingKey(),
                    properties.fromMessageProperties(message.getMessageProperties(), StandardCharsets.UTF_8.name()),
                    message.getBody());
        } catch (IOException | RuntimeException e) {
            Pending p = pending.remove(correlationId);
            if (p != null) {
                p.timeout().cancel(false);
            }
            result.completeExceptionally(new RpcUnavailableException(operation.service(), e));
            return result;
        }
        reply.whenComplete((answer, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (answer instanceof ErrorReply error) {
                result.completeExceptionally(new RpcErrorException(error));
            } else if (operation.replyType().isInstance(answer)) {
                result.complete(operation.replyType().cast(answer));
            } else {
                result.completeExceptionally(new IllegalStateException(operation.routingKey() + " answered "
                        + (answer == null ? "nothing" : answer.getClass().getSimpleName())));
            }
        });
        return result;
    }

    private static Observation callerOf(Observation call) {
        return call.getContext().getParentObservation() instanceof Observation caller ? caller : null;
    }

    /** The outcome tag of a call: ok, the error reply's code, timeout or unavailable. */
    static String outcome(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause == null) {
            return MessageObservations.OK;
        } else if (cause instanceof RpcErrorException error) {
            return error.reply().code().name().toLowerCase(Locale.ROOT);
        } else if (cause instanceof RpcTimeoutException) {
            return "timeout";
        } else if (cause instanceof RpcUnavailableException) {
            return "unavailable";
        }
        return "failed";
    }

    /**
     * Asks and waits for the reply, at most the configured timeout; throws the failure itself
     * ({@link RpcErrorException}, {@link RpcTimeoutException}, {@link RpcUnavailableException}),
     * never a wrapper such as {@link CompletionException}.
     */
    public <Q, R> R callAndWait(Operation<Q, R> operation, Q request) {
        return callAndWait(operation, request, timeout);
    }

    /**
     * As {@link #callAndWait(Operation, Object)}, waiting at most {@code wait}: for a service that
     * needs another's answer while handling a request, with less than the caller's own timeout left,
     * so that the caller hears why.
     */
    public <Q, R> R callAndWait(Operation<Q, R> operation, Q request, Duration wait) {
        try {
            return call(operation, request).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrapped(e);
        } catch (TimeoutException e) {
            throw new RpcTimeoutException(operation.routingKey());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcUnavailableException(operation.service(), e);
        }
    }

    /**
     * Waits for a future of {@link #call} (or one built on it) and throws its failure itself, as
     * {@link #callAndWait(Operation, Object)} does. The call's own timeout bounds the wait.
     */
    public static <R> R await(CompletableFuture<R> reply) {
        try {
            return reply.join();
        } catch (CompletionException e) {
            throw unwrapped(e);
        }
    }

    private static RuntimeException unwrapped(Exception wrapper) {
        return wrapper.getCause() instanceof RuntimeException failure
                ? failure
                : new IllegalStateException(wrapper.getCause());
    }

    private void onReply(AMQP.BasicProperties props, Envelope envelope, byte[] body) {
        Pending expected = props.getCorrelationId() == null ? null : pending.get(props.getCorrelationId());
        if (expected == null) {
            return; // timed out already
        }
        Optional<String> forged = senders.refusesReply(props.getUserId(), expected.operation());
        if (forged.isPresent()) {
            // someone who learnt the reply address answered in the owner's stead: keep waiting for the owner
            log.warn("ignoring a reply: {}", forged.get());
            return;
        }
        Pending p = pending.remove(props.getCorrelationId());
        if (p == null) {
            return;
        }
        p.timeout().cancel(false);
        try {
            MessageProperties mp = properties.toMessageProperties(props, envelope, StandardCharsets.UTF_8.name());
            Object answer = converter.fromMessage(new Message(body, mp));
            continuations.execute(() -> p.complete(() -> p.reply().complete(answer)));
        } catch (RuntimeException e) {
            p.reply().completeExceptionally(e);
        }
    }

    private void onReturn(
            String replyText, String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) {
        Pending p = props.getCorrelationId() == null ? null : pending.remove(props.getCorrelationId());
        if (p == null) {
            return;
        }
        p.timeout().cancel(false);
        MessageProperties mp = properties.toMessageProperties(props, null, StandardCharsets.UTF_8.name());
        p.reply()
                .completeExceptionally(new RpcUnavailableException(
                        p.operation().service(),
                        new AmqpMessageReturnedException(
                                "returned: " + replyText,
                                new ReturnedMessage(new Message(body, mp), 312, replyText, exchange, routingKey))));
    }

    /**
     * Fails at once, as unavailable, every call whose request went out on {@code channel}, which has
     * just closed: their replies would have come back on it, direct reply-to delivers nowhere else.
     */
    private void onChannelClosed(Channel channel, Exception cause) {
        pending.forEach((correlationId, p) -> {
            if (p.channel == channel && pending.remove(correlationId, p)) {
                p.timeout().cancel(false);
                RpcUnavailableException failure =
                        new RpcUnavailableException(p.operation().service(), cause);
                try {
                    continuations.execute(() -> p.reply().completeExceptionally(failure));
                } catch (RejectedExecutionException closing) {
                    p.reply().completeExceptionally(failure);
                }
            }
        });
    }

    /**
     * One channel with its consumer of direct reply-to; reopened when the channel or connection died,
     * failing the calls that awaited replies on it.
     */
    private final class Lane {
        private Channel channel;

        synchronized void publish(
                Pending call, String exchange, String routingKey, AMQP.BasicProperties props, byte[] body)
                throws IOException {
            if (channel == null || !channel.isOpen()) {
                channel = open();
            }
            call.channel = channel;
            // mandatory: a request that no queue takes comes back at once (503), not after the timeout
            channel.basicPublish(exchange, routingKey, true, props, body);
        }

        private Channel open() throws IOException {
            Channel ch = connectionFactory.createConnection().getDelegate().createChannel();
            if (ch == null) {
                throw new IOException("no channel available");
            }
            ch.addShutdownListener(cause -> onChannelClosed(ch, cause));
            ch.addReturnListener(r ->
                    onReturn(r.getReplyText(), r.getExchange(), r.getRoutingKey(), r.getProperties(), r.getBody()));
            ch.basicConsume(REPLY_TO, true, new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                    onReply(props, envelope, body);
                }
            });
            return ch;
        }

        synchronized void close() {
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException ignored) {
                    // closing anyway
                }
            }
            channel = null;
        }
    }

    private static ExecutorService continuationExecutor() {
        try {
            // Java 21+: Executors.newVirtualThreadPerTaskExecutor(), looked up so that this compiles for 17
            return (ExecutorService)
                    Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "rpc-continuation");
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public void close() {
        continuations.shutdown();
        for (Lane lane : lanes) {
            lane.close();
        }
        timer.shutdownNow();
        pending.forEach((id, p) -> p.reply()
                .completeExceptionally(new RpcTimeoutException(p.operation().routingKey())));
        pending.clear();
    }
}
