package social.support.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;
import org.springframework.context.SmartLifecycle;

import social.support.messaging.MessagingNames;

/**
 * The dead-letter queues of a service's {@link EventSubscription}s: their message counts, read from
 * the broker (a passive declare) every poll interval for the gauges {@code
 * social.events.dead.letters{queue=<dead-letter queue>}}, and their replay.
 * <p>
 * A replay applies the messages a dead-letter queue holds when it starts, through the
 * subscription's own listener (its sender check, its once-only inbox, its age limit), one attempt
 * each, in this service: a message taken off the dead-letter queue keeps the {@code user_id} the
 * broker validated when its sender published it, which republishing it from here could not. Each
 * message applied, or found applied before, leaves the dead-letter queue; each that still fails is
 * put back where it was, so a replay never applies an event twice and never loses one.
 */
public final class DeadLetters implements SmartLifecycle, MeterBinder {
    public static final String GAUGE = "social.events.dead.letters";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventConsumers consumers;
    private final RabbitOperations rabbit;
    private final MessagingNames names;
    private final Duration pollInterval;
    private final MessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();
    /** The last count read per dead-letter queue; NaN until read, and while the broker cannot be asked. */
    private final Map<String, Double> counts = new ConcurrentHashMap<>();

    private ScheduledExecutorService poller;

    public DeadLetters(EventConsumers consumers, RabbitOperations rabbit, MessagingNames names, Duration pollInterval) {
        this.consumers = consumers;
        this.rabbit = rabbit;
        this.names = names;
        this.pollInterval = pollInterval;
        consumers.queues().forEach(queue -> counts.put(names.deadLetterQueue(queue), Double.NaN));
    }

    /** A subscription's queue, its dead-letter queue and how many messages that holds now. */
    public record DeadLetterQueue(String queue, String deadLetterQueue, long messages) {}

    /**
     * What a replay did.
     *
     * @param replayed     messages that left the dead-letter queue: applied now, or found applied before
     * @param left         messages that still fail, put back into the dead-letter queue
     */
    public record Replay(String queue, String deadLetterQueue, int replayed, int left) {}

    /** Every dead-letter queue of this service with its message count now (asked from the broker). */
    public List<DeadLetterQueue> queues() {
        return consumers.queues().stream()
                .map(queue -> {
                    String deadLetters = names.deadLetterQueue(queue);
                    return new DeadLetterQueue(queue, deadLetters, countNow(deadLetters));
                })
                .toList();
    }

    /**
     * Applies the messages the dead-letter queue of {@code queue} (a subscription's queue, or its
     * dead-letter queue) holds now; empty if this service has no such subscription.
     */
    public Optional<Replay> replay(String queue) {
        String subscription = queue.endsWith(".dlq") ? queue.substring(0, queue.length() - ".dlq".length()) : queue;
        return consumers.listener(subscription).map(listener -> {
            String deadLetters = names.deadLetterQueue(subscription);
            Replay replay = rabbit.execute(channel -> replay(channel, listener, deadLetters));
            log.info(
                    "replayed {} dead letters of {}; {} still fail and stay in {}",
                    replay.replayed(),
                    subscription,
                    replay.left(),
                    deadLetters);
            poll();
            return replay;
        });
    }

    private Replay replay(Channel channel, EventListener listener, String deadLetters) throws IOException {
        long present = channel.queueDeclarePassive(deadLetters).getMessageCount();
        int replayed = 0;
        List<Long> failing = new ArrayList<>();
        boolean finished = false;
        try {
            for (long taken = 0; taken < present; taken++) {
                GetResponse response = channel.basicGet(deadLetters, false);
                if (response == null) {
                    break;
                }
                long tag = response.getEnvelope().getDeliveryTag();
                Message message = new Message(
                        response.getBody(),
                        properties.toMessageProperties(
                                response.getProps(), response.getEnvelope(), StandardCharsets.UTF_8.name()));
                if (listener.replay(message)) {
                    channel.basicAck(tag, false);
                    replayed++;
                } else {
                    // held until the end, so that the next get takes the next message, not this one again
                    failing.add(tag);
                }
            }
            finished = true;
        } finally {
            if ((!failing.isEmpty() || !finished) && channel.isOpen()) {
                // all unacknowledged messages of this channel back into the queue, in their places
                channel.basicNack(0, true, true);
            }
        }
        return new Replay(listener.queue(), deadLetters, replayed, failing.size());
    }

    /** Reads every dead-letter queue's message count for the gauges. */
    void poll() {
        for (String deadLetters : counts.keySet()) {
            long count = countNow(deadLetters);
            counts.put(deadLetters, count < 0 ? Double.NaN : (double) count);
        }
    }

    /** The message count of {@code deadLetters} now, or -1 if the broker cannot tell. */
    private long countNow(String deadLetters) {
        try {
            Long count = rabbit.execute(
                    channel -> (long) channel.queueDeclarePassive(deadLetters).getMessageCount());
            return count == null ? -1 : count;
        } catch (AmqpException e) {
            log.debug("cannot count the messages of {}: {}", deadLetters, e.toString());
            return -1;
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counts.keySet()
                .forEach(deadLetters -> Gauge.builder(GAUGE, this, self -> self.counts.get(deadLetters))
                        .tag("queue", deadLetters)
                        .description("messages in this dead-letter queue, as last read from the broker")
                        .register(registry));
    }

    @Override
    public synchronized void start() {
        poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dead-letter counts");
            thread.setDaemon(true);
            return thread;
        });
        long millis = pollInterval.toMillis();
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        poll();
                    } catch (RuntimeException e) {
                        log.warn("could not count the dead letters: {}", e.toString());
                    }
                },
                0,
                millis,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return poller != null;
    }
}
