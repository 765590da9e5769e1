package social.support.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import social.contract.registry.MessageTypes;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;

/**
 * A test's own queue on the events exchange, to see the events a service really published.
 * Events the test is not waiting for stay queued for later questions.
 */
public final class EventProbe implements AutoCloseable {
    private final AmqpAdmin admin;
    private final RabbitTemplate rabbit;
    private final ContractMessageConverter converter;
    private final String queue;
    private final List<Object> seen = new ArrayList<>();

    private EventProbe(AmqpAdmin admin, RabbitTemplate rabbit, ContractMessageConverter converter, String queue) {
        this.admin = admin;
        this.rabbit = rabbit;
        this.converter = converter;
        this.queue = queue;
    }

    /** Listens from now on to the events of {@code types}. */
    public static EventProbe listen(AmqpAdmin admin, RabbitTemplate rabbit, ContractMessageConverter converter,
                                    MessagingNames names, List<Class<?>> types) {
        String name = names.eventQueue("probe-" + UUID.randomUUID());
        // not auto-delete: each timed receive is a consumer of its own, whose end would delete the queue
        Queue queue = new Queue(name, false, false, false, Map.of("x-expires", 300_000));
        TopicExchange events = new TopicExchange(names.eventsExchange(), true, true);
        admin.declareExchange(events);
        admin.declareQueue(queue);
        types.forEach(type -> admin.declareBinding(BindingBuilder.bind(queue).to(events).with(MessageTypes.idOf(type))));
        return new EventProbe(admin, rabbit, converter, name);
    }

    /** The first event of {@code type} that {@code matches}, waiting up to 5 seconds. */
    public synchronized <E> E next(Class<E> type, Predicate<E> matches) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        do {
            for (Object event : seen) {
                if (type.isInstance(event) && matches.test(type.cast(event))) {
                    seen.remove(event);
                    return type.cast(event);
                }
            }
        } while (receive(deadline));
        throw new AssertionError("no matching " + type.getSimpleName() + " was published");
    }

    /** Every event of {@code type} that {@code matches}, once {@code quiet} passed without a new event. */
    public synchronized <E> List<E> all(Class<E> type, Predicate<E> matches, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            Message message = rabbit.receive(queue, 100);
            if (message != null) {
                seen.add(converter.fromMessage(message));
                deadline = System.nanoTime() + quiet.toNanos();
            }
        }
        List<E> found = new ArrayList<>();
        for (Object event : seen) {
            if (type.isInstance(event) && matches.test(type.cast(event))) {
                found.add(type.cast(event));
            }
        }
        return found;
    }

    private boolean receive(long deadline) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        if (System.nanoTime() >= deadline) {
            return false;
        }
        Message message = rabbit.receive(queue, Math.min(left, 200));
        if (message != null) {
            seen.add(converter.fromMessage(message));
        }
        return true;
    }

    @Override
    public void close() {
        admin.deleteQueue(queue);
    }
}
