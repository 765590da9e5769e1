package social.support.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import social.contract.Event;
import social.contract.registry.MessageTypes;

/** The handler of each event type a subscription takes: the table both kinds of subscription keep. */
final class EventHandlers {
    private final Map<Class<? extends Event>, Consumer<Event>> byType;

    EventHandlers() {
        this(new LinkedHashMap<>());
    }

    private EventHandlers(Map<Class<? extends Event>, Consumer<Event>> byType) {
        this.byType = byType;
    }

    <E extends Event> void add(Class<E> type, Consumer<E> handler) {
        byType.put(type, event -> handler.accept(type.cast(event)));
    }

    /** The handler of {@code type}, or null when the subscription does not take it. */
    Consumer<Event> of(Class<?> type) {
        return byType.get(type);
    }

    /** The event types handled. */
    Set<Class<?>> types() {
        return Set.copyOf(byType.keySet());
    }

    /** One binding of {@code queue} to the events exchange per type handled (routing key = type id). */
    List<Binding> bindings(Queue queue, TopicExchange events) {
        return byType.keySet().stream()
                .map(type -> BindingBuilder.bind(queue).to(events).with(MessageTypes.idOf(type)))
                .toList();
    }

    /** A copy that no later {@link #add} changes, for the subscription a builder built. */
    EventHandlers frozen() {
        return new EventHandlers(Map.copyOf(byType));
    }
}
