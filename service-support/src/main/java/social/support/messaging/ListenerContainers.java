package social.support.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.AsyncConsumerRestartedEvent;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;

/** Starts and stops one listener container per queue a service consumes. */
public final class ListenerContainers implements SmartLifecycle, DisposableBean, ApplicationContextAware {
    /** How soon the consumer of an instance's queue notices that it was cancelled. */
    public static final Duration INSTANCE_RECEIVE_TIMEOUT = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(ListenerContainers.class);

    private final ConnectionFactory connectionFactory;
    private final CachingConnectionFactory owned;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile ApplicationContext context;
    private volatile boolean running;

    public ListenerContainers(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
        this.owned = null;
    }

    private ListenerContainers(CachingConnectionFactory owned) {
        this.connectionFactory = owned;
        this.owned = owned;
    }

    /**
     * Containers on a connection of their own, like {@code shared} (same broker, credentials and
     * virtual host) but without publisher confirms and returns: for request listeners, which
     * publish their replies on the channel they consume from, and for which a confirm per reply
     * would only be one more frame and broker bookkeeping (nobody waits for it: a reply that
     * gets lost ends in the caller's timeout either way).
     */
    public static ListenerContainers onOwnConnectionWithoutConfirms(ConnectionFactory shared, String connectionName) {
        if (!(shared instanceof CachingConnectionFactory caching)) {
            return new ListenerContainers(shared);
        }
        CachingConnectionFactory own = new CachingConnectionFactory(caching.getRabbitConnectionFactory());
        own.setConnectionNameStrategy(factory -> connectionName);
        own.setChannelCacheSize(caching.getChannelCacheSize());
        return new ListenerContainers(own);
    }

    /** A container of {@code concurrency} consumers for a queue the instances of a service share. */
    public void add(String queue, MessageListener listener, int concurrency, int prefetch) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setMessageListener(listener);
        container.setConcurrentConsumers(concurrency);
        container.setPrefetchCount(prefetch);
        // acknowledged when the listener returns, i.e. after its transaction committed
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setMissingQueuesFatal(false);
        container.setBeanName(queue);
        // no Micrometer timer per message, as the context would start if it came first: it costs every request
        container.setMicrometerEnabled(false);
        register(container);
    }

    /**
     * A container for a queue of this instance alone (exclusive, auto-deleted, declared on the
     * connection this container consumes on, as an exclusive queue requires): one consumer, and
     * at most once, a message whose listener fails is dropped rather than requeued.
     *
     * @param resubscribed runs at each subscription after the first: the queue had gone, and the
     *                     messages published meanwhile with it
     */
    public void addForInstance(String queue, MessageListener listener, int prefetch, Runnable resubscribed) {
        addForInstance(queue, listener, prefetch, resubscribed, () -> {});
    }

    /**
     * As {@link #addForInstance(String, MessageListener, int, Runnable)}, and {@code lost} runs as soon
     * as the subscription is found gone after it was subscribed (its consumer was cancelled - the
     * queue was deleted - or failed, and restarts): events published from then until
     * {@code resubscribed} runs are missed. Found within {@link #INSTANCE_RECEIVE_TIMEOUT}.
     */
    public void addForInstance(
            String queue, MessageListener listener, int prefetch, Runnable resubscribed, Runnable lost) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue);
        container.setMessageListener(listener);
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(prefetch);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setMissingQueuesFatal(false);
        // the consumer notices a cancel (its queue deleted) at its next poll: soon, for the lost hook
        container.setReceiveTimeout(INSTANCE_RECEIVE_TIMEOUT.toMillis());
        container.setBeanName(queue);
        AtomicBoolean subscribedBefore = new AtomicBoolean();
        container.setApplicationEventPublisher(event -> {
            // consume-ok, not the restart event: the hook runs once the new queue receives, so nothing falls between
            if (event instanceof ConsumeOkEvent && subscribedBefore.getAndSet(true)) {
                runResubscribed(queue, resubscribed);
            } else if (subscribedBefore.get()
                    && (event instanceof AsyncConsumerRestartedEvent
                            || event instanceof ListenerContainerConsumerFailedEvent)) {
                runResubscribed(queue, lost);
            }
            ApplicationContext publisher = context;
            if (publisher != null) {
                publisher.publishEvent(event);
            }
        });
        register(container);
    }

    private static void runResubscribed(String queue, Runnable resubscribed) {
        try {
            resubscribed.run();
        } catch (RuntimeException e) {
            // it runs on the broker connection's thread: a failure must not take the consumer down
            log.error("the resubscribe hook of {} failed", queue, e);
        }
    }

    private void register(SimpleMessageListenerContainer container) {
        if (context != null) {
            container.setApplicationContext(context);
        }
        container.afterPropertiesSet();
        containers.add(container);
    }

    /**
     * Lets each container, like a container bean, have RabbitAdmin declare its queue when it finds
     * it missing before it consumes: RabbitAdmin declares on the shared connection when that opens,
     * which may come after a container on a connection of its own has started.
     */
    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
        containers.forEach(container -> container.setApplicationContext(context));
    }

    @Override
    public void start() {
        containers.forEach(SimpleMessageListenerContainer::start);
        running = true;
    }

    @Override
    public void stop() {
        containers.forEach(SimpleMessageListenerContainer::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        if (owned != null) {
            owned.destroy();
        }
    }
}
