package social.support.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import social.contract.registry.MessageTypes;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;

/**
 * A test class's own queue on the events exchange, to see the events a service really published.
 * As a JUnit extension it listens from before the first test of its class until after the last,
 * through the beans of the class's Spring context:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EventProbe events = EventProbe.listeningTo(UserEvents.MESSAGES);
 * </pre>
 *
 * Events the test is not waiting for stay queued for later questions.
 */
public final class EventProbe implements BeforeAllCallback, AfterAllCallback {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Class<?>> types;
    private final List<Object> seen = new ArrayList<>();
    private AmqpAdmin admin;
    private RabbitTemplate rabbit;
    private ContractMessageConverter converter;
    private String queue;

    private EventProbe(List<Class<?>> types) {
        this.types = List.copyOf(types);
    }

    /** A probe for the events of {@code types}, to register with {@code @RegisterExtension}. */
    public static EventProbe listeningTo(List<Class<?>> types) {
        return new EventProbe(types);
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        TestInfrastructure.start();
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        admin = spring.getBean(AmqpAdmin.class);
        rabbit = spring.getBean(RabbitTemplate.class);
        converter = spring.getBean(ContractMessageConverter.class);
        MessagingNames names = spring.getBean(MessagingNames.class);
        queue = names.eventQueue("probe-" + UUID.randomUUID());
        // not auto-delete: each timed receive is a consumer of its own, whose end would delete the queue
        Queue declared = new Queue(queue, false, false, false, Map.of("x-expires", 300_000));
        TopicExchange events = new TopicExchange(names.eventsExchange(), true, true);
        admin.declareExchange(events);
        admin.declareQueue(declared);
        types.forEach(type -> admin.declareBinding(BindingBuilder.bind(declared).to(events).with(MessageTypes.idOf(type))));
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (queue != null) {
            admin.deleteQueue(queue);
            queue = null;
        }
        seen.clear();
    }

    /** The first event of {@code type} that {@code matches}, waiting up to 5 seconds. */
    public synchronized <E> E next(Class<E> type, Predicate<E> matches) {
        long deadline = System.nanoTime() + WAIT.toNanos();
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
}
