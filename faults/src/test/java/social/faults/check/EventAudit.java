package social.faults.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import social.faults.stack.FaultStack;

/**
 * Hears every event the services publish on the events exchange, through RabbitMQ's firehose
 * tracer ({@code amq.rabbitmq.trace}, switched on for the run's virtual host): a copy of each
 * publication, routed or not, without a queue of ours on the events exchange that would make every
 * event routable and hide the events no subscriber took. The checker asks of each event whether
 * every subscriber bound to its type processed it.
 */
public final class EventAudit implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<UUID, String> events = new ConcurrentHashMap<>();
    private final Connection connection;
    private final String queue;

    public EventAudit(FaultStack stack) {
        this.queue = stack.prefix() + "faults.audit";
        String exchange = stack.prefix() + "social.events";
        stack.traceEvents();
        try {
            connection = stack.adminBrokerConnection().newConnection("fault harness audit");
            Channel channel = connection.createChannel();
            channel.queueDeclare(queue, true, false, false, null);
            channel.queueBind(queue, "amq.rabbitmq.trace", "publish." + exchange);
            DeliverCallback record = (tag, delivery) -> {
                JsonNode body = JSON.readTree(new String(delivery.getBody(), StandardCharsets.UTF_8));
                JsonNode eventId = body.get("eventId");
                Object routingKeys = delivery.getProperties().getHeaders().get("routing_keys");
                if (eventId != null && routingKeys instanceof List<?> keys && !keys.isEmpty()) {
                    events.put(UUID.fromString(eventId.asString()), keys.get(0).toString());
                }
            };
            channel.basicConsume(queue, true, record, tag -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    public String queue() {
        return queue;
    }

    /** Every audited event: its id and routing key (= its type). */
    public Map<UUID, String> events() {
        return Map.copyOf(events);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }
}
