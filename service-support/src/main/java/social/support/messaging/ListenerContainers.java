package social.support.messaging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.SmartLifecycle;

/** Starts and stops one listener container per queue a service consumes. */
public final class ListenerContainers implements SmartLifecycle, DisposableBean, ApplicationContextAware {
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
        register(container);
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
