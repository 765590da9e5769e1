package social.support.messaging;

import java.util.ArrayList;
import java.util.List;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;

/** Starts and stops one listener container per queue a service consumes. */
public final class ListenerContainers implements SmartLifecycle {
    private final ConnectionFactory connectionFactory;
    private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
    private volatile boolean running;

    public ListenerContainers(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
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
        container.afterPropertiesSet();
        containers.add(container);
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
}
