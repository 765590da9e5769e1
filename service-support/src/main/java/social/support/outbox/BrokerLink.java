package social.support.outbox;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.SocketConfigurator;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.AmqpTimeoutException;
import org.springframework.amqp.rabbit.support.RabbitExceptionTranslator;

/**
 * The relay's own broker connection (named {@code <service> outbox} in the management UI): a
 * broker that blocks publishers (a memory or disk alarm) blocks no consumer of the service. It
 * publishes a batch with {@code mandatory}, so an event that no queue takes comes back, and
 * tells for each event whether the broker confirmed it, returned it, or neither within the
 * timeout. It never waits longer: at the deadline it closes the connection's socket, which also
 * frees a write that the broker stopped reading. It also tells which of some queues do not exist
 * (a passive declare, which needs no right on the queue), remembering those that do for as long
 * as the connection lasts.
 */
final class BrokerLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);

    /** What became of one published event. */
    enum Outcome {
        /** Confirmed, and at least one queue took it. */
        ROUTED,
        /** Confirmed, but no queue took it: the broker returned it. */
        RETURNED,
        /** Refused (nack), or no answer within the timeout, or the connection failed. */
        UNCONFIRMED
    }

    /** The outcome of each event of a batch by outbox id, and why some were not confirmed. */
    record Confirmations(Map<Long, Outcome> outcomes, RuntimeException failure) {
        Outcome of(PendingEvent event) {
            return outcomes.getOrDefault(event.id(), Outcome.UNCONFIRMED);
        }
    }

    private final ConnectionFactory factory;
    private final String connectionName;
    private final AtomicReference<Socket> socket = new AtomicReference<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private Connection connection;
    private Channel channel;
    private volatile Batch current;
    /** Queues seen to exist on this connection: not asked again until it is replaced. */
    private final Set<String> existing = new HashSet<>();

    /**
     * @param template how the service connects to the broker (host, credentials, virtual host), copied
     *                 so that this connection is the relay's alone
     */
    BrokerLink(ConnectionFactory template, String connectionName) {
        this.factory = template.clone();
        this.connectionName = connectionName;
        // a lost connection is opened again at the next round, with no replay of what was on it
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        // the relay reports its own failures; a socket it closed at a deadline is no news
        factory.setExceptionHandler(new ForgivingExceptionHandler() {
            @Override
            public void handleUnexpectedConnectionDriverException(Connection connection, Throwable exception) {
                log.debug("the outbox connection ended: {}", exception.toString());
            }
        });
        SocketConfigurator configured = factory.getSocketConfigurator();
        factory.setSocketConfigurator(opened -> {
            if (configured != null) {
                configured.configure(opened);
            }
            socket.set(opened);
        });
    }

    /** Opens the connection and channel if they are not open: may wait for the broker, so before anything else. */
    synchronized void connect() {
        try {
            channel();
        } catch (IOException | TimeoutException | RuntimeException e) {
            sever();
            throw RabbitExceptionTranslator.convertRabbitAccessException(e);
        }
    }

    /**
     * Publishes the events, in this order, and waits until each is confirmed or returned, for
     * {@code timeout} at most.
     */
    synchronized Confirmations publish(String exchange, List<PendingEvent> events, String sender, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Batch batch = new Batch(events);
        ScheduledFuture<?> overdue = watchdog.schedule(
                () -> {
                    if (!batch.settled()) {
                        log.debug(
                                "the broker did not confirm a batch within {}: closing the outbox connection", timeout);
                        closeSocket();
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        RuntimeException failure = null;
        try {
            Channel publishing = channel();
            current = batch;
            for (PendingEvent event : events) {
                batch.sending(publishing.getNextPublishSeqNo(), event);
                publishing.basicPublish(exchange, event.routingKey(), true, event.properties(sender), event.body());
            }
            boolean complete = batch.await(deadline);
            failure = batch.failure();
            if (!complete && failure == null) {
                failure = new AmqpTimeoutException("the broker confirmed " + batch.confirmed() + " of " + events.size()
                        + " events within " + timeout + "; they stay in the outbox");
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            failure = RabbitExceptionTranslator.convertRabbitAccessException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new AmqpException("interrupted while waiting for confirms", e);
        } finally {
            overdue.cancel(false);
            current = null;
        }
        if (failure != null) {
            // a channel with publications in doubt is not used again: their confirms could come late
            sever();
        }
        return new Confirmations(batch.outcomes(), failure);
    }

    /**
     * The queues among {@code queues} that do not exist, asking the broker only about those not seen
     * to exist on this connection yet, for {@code timeout} at most.
     *
     * @throws AmqpException if the broker could not tell (the connection is closed then)
     */
    synchronized Set<String> missing(Collection<String> queues, Duration timeout) {
        List<String> unknown = queues.stream()
                .filter(queue -> !existing.contains(queue))
                .distinct()
                .toList();
        if (unknown.isEmpty()) {
            return Set.of();
        }
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> overdue = watchdog.schedule(
                () -> {
                    if (!answered.get()) {
                        log.debug(
                                "the broker did not say within {} whether queues exist: closing the outbox"
                                        + " connection",
                                timeout);
                        closeSocket();
                    }
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        Set<String> missing = new TreeSet<>();
        Channel asking = null;
        try {
            channel(); // the connection, opened again if need be (which forgets the queues seen)
            for (String queue : unknown) {
                if (asking == null || !asking.isOpen()) {
                    asking = connection.createChannel();
                    if (asking == null) {
                        throw new IOException("the broker offers no further channel");
                    }
                }
                try {
                    asking.queueDeclarePassive(queue);
                    existing.add(queue);
                } catch (IOException e) {
                    if (!notFound(e)) {
                        throw e;
                    }
                    missing.add(queue); // the broker closed the channel with 404
                }
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            sever();
            throw RabbitExceptionTranslator.convertRabbitAccessException(e);
        } finally {
            answered.set(true);
            overdue.cancel(false);
            if (asking != null && asking.isOpen()) {
                try {
                    asking.close();
                } catch (IOException | TimeoutException | RuntimeException ignored) {
                    // the connection went meanwhile: the next round opens another
                }
            }
        }
        return missing;
    }

    private static boolean notFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && !signal.isHardError()
                && signal.getReason() instanceof AMQP.Channel.Close close
                && close.getReplyCode() == AMQP.NOT_FOUND;
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (connection == null || !connection.isOpen()) {
            sever();
            connection = factory.newConnection(connectionName);
        }
        Channel opened = connection.createChannel();
        if (opened == null) {
            throw new IOException("the broker offers no further channel");
        }
        opened.confirmSelect();
        // the broker sends a mandatory message's return before its confirm, on the same channel
        opened.addReturnListener(returned -> {
            Batch batch = current;
            if (batch != null) {
                batch.returned(returned.getProperties().getMessageId());
            }
        });
        opened.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long deliveryTag, boolean multiple) {
                Batch batch = current;
                if (batch != null) {
                    batch.confirmed(deliveryTag, multiple, true);
                }
            }

            @Override
            public void handleNack(long deliveryTag, boolean multiple) {
                Batch batch = current;
                if (batch != null) {
                    batch.confirmed(deliveryTag, multiple, false);
                }
            }
        });
        opened.addShutdownListener(cause -> {
            Batch batch = current;
            if (batch != null) {
                batch.closed(cause);
            }
        });
        channel = opened;
        return opened;
    }

    /** Closes the socket first, which no blocked write can hold up, then the connection. */
    private void sever() {
        closeSocket();
        Connection closing = connection;
        connection = null;
        channel = null;
        existing.clear(); // a queue may be gone by the next connection (a broker reset)
        if (closing != null) {
            try {
                closing.abort(100);
            } catch (RuntimeException ignored) {
                // gone already
            }
        }
    }

    private void closeSocket() {
        Socket open = socket.getAndSet(null);
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    @Override
    public synchronized void close() {
        watchdog.shutdownNow();
        Connection closing = connection;
        connection = null;
        channel = null;
        if (closing != null && closing.isOpen()) {
            try {
                closing.close(1000);
            } catch (IOException | RuntimeException e) {
                closing.abort(100);
            }
        }
    }

    /** The publications of one batch, settled by the connection's thread as confirms and returns arrive. */
    private static final class Batch {
        private final Map<String, PendingEvent> byMessageId = new HashMap<>();
        private final NavigableMap<Long, PendingEvent> unconfirmed = new TreeMap<>();
        private final Map<Long, Outcome> outcomes = new HashMap<>();
        private final Set<Long> returned = new HashSet<>();
        private final int size;
        private RuntimeException failure;

        Batch(List<PendingEvent> events) {
            events.forEach(event -> byMessageId.put(event.eventId().toString(), event));
            size = events.size();
        }

        synchronized void sending(long sequenceNumber, PendingEvent event) {
            unconfirmed.put(sequenceNumber, event);
        }

        synchronized void returned(String messageId) {
            PendingEvent event = messageId == null ? null : byMessageId.get(messageId);
            if (event != null) {
                returned.add(event.id());
            }
        }

        synchronized void confirmed(long deliveryTag, boolean multiple, boolean ack) {
            Map<Long, PendingEvent> settled = multiple ? unconfirmed.headMap(deliveryTag, true) : subMap(deliveryTag);
            for (PendingEvent event : List.copyOf(settled.values())) {
                Outcome outcome =
                        !ack ? Outcome.UNCONFIRMED : returned.contains(event.id()) ? Outcome.RETURNED : Outcome.ROUTED;
                outcomes.put(event.id(), outcome);
            }
            settled.clear();
            if (!ack && failure == null) {
                failure = new AmqpException("the broker refused (nack) an event");
            }
            notifyAll();
        }

        private Map<Long, PendingEvent> subMap(long deliveryTag) {
            return unconfirmed.subMap(deliveryTag, true, deliveryTag, true);
        }

        synchronized void closed(ShutdownSignalException cause) {
            if (failure == null) {
                failure = RabbitExceptionTranslator.convertRabbitAccessException(cause);
            }
            notifyAll();
        }

        /** True once every event was confirmed (or refused) before the deadline. */
        synchronized boolean await(long deadline) throws InterruptedException {
            while (outcomes.size() < size && failure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return outcomes.size() == size;
        }

        synchronized boolean settled() {
            return outcomes.size() == size || failure != null;
        }

        synchronized int confirmed() {
            return outcomes.size();
        }

        synchronized RuntimeException failure() {
            return failure;
        }

        synchronized Map<Long, Outcome> outcomes() {
            return Map.copyOf(outcomes);
        }
    }
}
