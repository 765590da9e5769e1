package social.support.rpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.core.Queue;

import social.contract.rpc.Operation;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.Topology;

/**
 * The operations a service answers, each with its handler. Declared as a bean, it declares the
 * service's direct exchange, its request queue and one binding per operation, and gets a
 * listener container that dispatches each request by its routing key.
 */
public final class RpcEndpoint extends Declarables {
    private final String service;
    private final String queue;
    private final Map<String, Handler<?, ?>> handlers;

    private RpcEndpoint(String service, String queue, Map<String, Handler<?, ?>> handlers, List<Declarable> declarables) {
        super(declarables);
        this.service = service;
        this.queue = queue;
        this.handlers = Map.copyOf(handlers);
    }

    public static Builder answering(String service, Topology topology) {
        return new Builder(service, topology);
    }

    public String service() {
        return service;
    }

    public String queue() {
        return queue;
    }

    /** The listener that answers this endpoint's requests, replying on the channel it consumes from. */
    public MessageListener listener(ContractMessageConverter converter) {
        return new RpcRequestListener(this, converter);
    }

    Handler<?, ?> handler(String routingKey) {
        return handlers.get(routingKey);
    }

    record Handler<Q, R>(Operation<Q, R> operation, Function<Q, R> function) {
        Object apply(Object request) {
            return function.apply(operation.requestType().cast(request));
        }
    }

    public static final class Builder {
        private final String service;
        private final Topology topology;
        private final Map<String, Handler<?, ?>> handlers = new LinkedHashMap<>();

        private Builder(String service, Topology topology) {
            this.service = service;
            this.topology = topology;
        }

        public <Q, R> Builder on(Operation<Q, R> operation, Function<Q, R> handler) {
            if (!operation.service().equals(service)) {
                throw new IllegalArgumentException(operation.routingKey() + " belongs to " + operation.service());
            }
            handlers.put(operation.routingKey(), new Handler<>(operation, handler));
            return this;
        }

        public RpcEndpoint build() {
            String queueName = topology.names().rpcQueue(service);
            DirectExchange exchange = topology.rpcExchange(service);
            Queue queue = topology.durableQueue(queueName, Map.of());
            List<Declarable> declarables = new ArrayList<>(List.of(exchange, queue));
            handlers.keySet().forEach(key -> declarables.add(BindingBuilder.bind(queue).to(exchange).with(key)));
            return new RpcEndpoint(service, queueName, handlers, declarables);
        }
    }
}
