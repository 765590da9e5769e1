package social.support.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import social.contract.Event;
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
 * Events the test is not waiting for stay queued for later questions. An event is seen once: the
 * outbox relay delivers at least once, so a second copy (the same {@code eventId}) is no new event.
 */
public final class EventProbe implements BeforeAllCallback, AfterAllCallback {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final List<Class<?>> types;
    /** Filled by the listener's consumer, emptied by the test thread. */
    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();

    private final List<Object> seen = new ArrayList<>();
    private final Set<UUID> eventIds = new HashSet<>();
    private AmqpAdmin admin;
    private SimpleMessageListenerContainer listener;
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
        ContractMessageConverter converter = spring.getBean(ContractMessageConverter.class);
        MessagingNames names = spring.getBean(MessagingNames.class);
        queue = names.eventQueue("probe-" + UUID.randomUUID());
        // expires on its own should afterAll never run (a killed JVM)
        Queue declared = new Queue(queue, false, false, false, Map.of("x-expires", 300_000));
        TopicExchange events = new TopicExchange(names.eventsExchange(), true, true);
        admin.declareExchange(events);
        admin.declareQueue(declared);
        types.forEach(type ->
                admin.declareBinding(BindingBuilder.bind(declared).to(events).with(MessageTypes.idOf(type))));
        // one consumer for the whole class: no consumer per receive, whose cancellation races with a late delivery
        listener = new SimpleMessageListenerContainer(spring.getBean(ConnectionFactory.class));
        listener.setQueueNames(queue);
        listener.setMessageListener(message -> arrived.add(converter.fromMessage(message)));
        listener.start();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (listener != null) {
            listener.stop();
            listener = null;
        }
        if (queue != null) {
            admin.deleteQueue(queue);
            queue = null;
        }
        arrived.clear();
        seen.clear();
        eventIds.clear();
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
        } while (receive(deadline - System.nanoTime()));
        throw new AssertionError("no matching " + type.getSimpleName() + " was published");
    }

    /** Every event of {@code type} that {@code matches}, once {@code quiet} passed without a new event. */
    public synchronized <E> List<E> all(Class<E> type, Predicate<E> matches, Duration quiet) {
        while (receive(quiet.toNanos())) {
            // each new event starts the quiet period again
        }
        List<E> found = new ArrayList<>();
        for (Object event : seen) {
            if (type.isInstance(event) && matches.test(type.cast(event))) {
                found.add(type.cast(event));
            }
        }
        return found;
    }

    /** Waits up to {@code nanos} for an event to arrive; false if none did. A second copy of an event is not seen again. */
    private boolean receive(long nanos) {
        try {
            Object event = arrived.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            if (event == null) {
                return false;
            }
            if (!(event instanceof Event e) || eventIds.add(e.eventId())) {
                seen.add(event);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
