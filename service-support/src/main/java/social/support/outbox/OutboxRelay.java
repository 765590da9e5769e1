package social.support.outbox;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;

/**
 * Moves committed events from the {@code outbox} table to the {@code social.events} exchange,
 * oldest first, and deletes them only once the broker confirmed them. While the broker is
 * unreachable events wait in the table. Of several instances of a service one relays at a time
 * (a transaction-scoped advisory lock), so events leave in the order they were written, which
 * in-order consumers rely on. Delivery is at least once: consumers dedupe by event id.
 */
public class OutboxRelay implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RabbitTemplate rabbit;
    private final MessagingNames names;
    private final OutboxProperties properties;
    private final String sender;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread worker;

    public OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            RabbitTemplate rabbit,
            MessagingNames names,
            OutboxProperties properties,
            String sender) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rabbit = rabbit;
        this.names = names;
        this.properties = properties;
    }

    /** Called after a transaction that wrote events committed: publish now, not at the next poll. */
    public void wakeUp() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** Publishes everything waiting; returns how many events went out. */
    public int relayPending() {
        int total = 0;
        int published;
        do {
            published = relayBatch();
            total += published;
        } while (published == properties.batchSize());
        return total;
    }

    private int relayBatch() {
        Integer count = transactions.execute(status -> {
            Boolean relayer = jdbc.queryForObject(
                    "SELECT pg_try_advisory_xact_lock(hashtext('outbox-relay.' || current_schema()))", Boolean.class);
            if (!Boolean.TRUE.equals(relayer)) {
                return 0; // another instance is relaying right now
            }
            List<PendingEvent> batch = jdbc.query(
                    "SELECT id, event_id, routing_key, payload::text AS payload FROM outbox ORDER BY id LIMIT ?",
                    (rs, i) -> new PendingEvent(
                            rs.getLong("id"),
                            rs.getObject("event_id", UUID.class),
                            rs.getString("routing_key"),
                            rs.getString("payload")),
                    properties.batchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            rabbit.invoke(channel -> {
                batch.forEach(
                        event -> channel.send(names.eventsExchange(), event.routingKey(), event.toMessage(sender)));
                channel.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
                return null;
            });
            jdbc.update("DELETE FROM outbox WHERE id = ANY (?)", (Object)
                    batch.stream().map(PendingEvent::id).toArray(Long[]::new));
            return batch.size();
        });
        return count == null ? 0 : count;
    }

    private void run() {
        boolean failing = false;
        while (running.get()) {
            try {
                relayPending();
                if (failing) {
                    log.info("outbox relay reaches the broker again");
                    failing = false;
                }
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!failing) {
                    log.warn("outbox relay cannot publish, events wait in the outbox: {}", e.toString());
                    failing = true;
                }
                try {
                    Thread.sleep(properties.retryBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        if (running.compareAndSet(false, true)) {
            Thread thread = new Thread(this::run, "outbox-relay");
            thread.setDaemon(true);
            worker = thread;
            thread.start();
        }
    }

    @Override
    public void stop() {
        if (running.compareAndSet(true, false) && worker != null) {
            worker.interrupt();
            try {
                worker.join(properties.confirmTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isAutoStartup() {
        return properties.relayEnabled();
    }

    /** Before the listeners (which may write events), after them at shutdown. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    private record PendingEvent(long id, UUID eventId, String routingKey, String payload) {
        /** @param sender the connection's broker user, which receivers check the event's owner against */
        Message toMessage(String sender) {
            MessageProperties properties = new MessageProperties();
            if (sender != null) {
                properties.setUserId(sender);
            }
            properties.setMessageId(eventId.toString());
            properties.setType(routingKey);
            properties.setContentType(ContractMessageConverter.CONTENT_TYPE);
            properties.setContentEncoding("UTF-8");
            properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
            return new Message(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), properties);
        }
    }
}
