package social.support.outbox;

import java.sql.Timestamp;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import social.contract.Event;
import social.contract.registry.MessageTypes;
import social.support.messaging.ContractMessageConverter;

/**
 * Records an event in the service's {@code outbox} table inside the caller's transaction: the
 * event exists if and only if the state change does. {@link OutboxRelay} publishes it.
 */
public class EventOutbox {
    private final JdbcTemplate jdbc;
    private final ContractMessageConverter converter;
    private final OutboxRelay relay;
    private final OutboxTracing tracing;

    public EventOutbox(JdbcTemplate jdbc, ContractMessageConverter converter, OutboxRelay relay) {
        this(jdbc, converter, relay, OutboxTracing.none());
    }

    public EventOutbox(
            JdbcTemplate jdbc, ContractMessageConverter converter, OutboxRelay relay, OutboxTracing tracing) {
        this.jdbc = jdbc;
        this.converter = converter;
        this.relay = relay;
        this.tracing = tracing;
    }

    public void publish(Event event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException("events are written in the transaction of their state change");
        }
        jdbc.update(
                "INSERT INTO outbox (event_id, routing_key, payload, created_at, trace_parent)"
                        + " VALUES (?, ?, ?::jsonb, ?, ?)",
                event.eventId(),
                MessageTypes.idOf(event.getClass()),
                new String(converter.toJson(event), java.nio.charset.StandardCharsets.UTF_8),
                Timestamp.from(event.occurredAt()),
                tracing.current());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }
}
