package social.support.rpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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
import org.springframework.beans.factory.BeanNameAware;

import social.contract.rpc.Operation;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessageObservations;
import social.support.messaging.Senders;
import social.support.messaging.Topology;

/**
 * Some of the operations a service answers, each with its handler: each feature of a service
 * declares its own endpoint bean for the operations it owns. An endpoint declares the service's
 * direct exchange, its request queue and one binding per operation; all endpoints of a service
 * share that one queue, answered by one listener container that dispatches each request by its
 * routing key (see {@link #listenersByQueue}).
 */
public final class RpcEndpoint extends Declarables implements BeanNameAware {
    private final String service;
    private final String queue;
    private final Map<String, Handler<?, ?>> handlers;
    private String beanName;

    private RpcEndpoint(
            String service, String queue, Map<String, Handler<?, ?>> handlers, List<Declarable> declarables) {
        super(declarables);
        this.service = service;
        this.queue = queue;
        this.handlers = Map.copyOf(handlers);
    }

    /** Operations of {@code service} (one of the contract's {@code *Rpc.SERVICE} names); no other service's. */
    public static Builder answering(String service, Topology topology) {
        return new Builder(service, topology);
    }

    /**
     * One listener per request queue, answering the operations of every endpoint of that queue
     * from one dispatch table.
     *
     * @throws IllegalStateException if two endpoints answer the same operation: a request must
     *                               have exactly one handler
     */
    public static Map<String, MessageListener> listenersByQueue(
            Collection<RpcEndpoint> endpoints,
            ContractMessageConverter converter,
            Senders senders,
            MessageObservations observations) {
        Map<String, Map<String, RpcEndpoint>> ownersByQueue = new LinkedHashMap<>();
        for (RpcEndpoint endpoint : endpoints) {
            Map<String, RpcEndpoint> owners = ownersByQueue.computeIfAbsent(endpoint.queue, queue -> new HashMap<>());
            for (String routingKey : endpoint.handlers.keySet()) {
                RpcEndpoint first = owners.putIfAbsent(routingKey, endpoint);
                if (first != null) {
                    throw new IllegalStateException(
                            routingKey + " is answered by two RpcEndpoint beans, " + first.describe() + " and "
                                    + endpoint.describe() + ": declare each operation in one of them only");
                }
            }
        }
        Map<String, MessageListener> listeners = new LinkedHashMap<>();
        ownersByQueue.forEach((queue, owners) -> {
            Map<String, Handler<?, ?>> dispatch = new HashMap<>();
            owners.forEach((routingKey, owner) -> dispatch.put(routingKey, owner.handlers.get(routingKey)));
            listeners.put(queue, new RpcRequestListener(dispatch, converter, senders, observations));
        });
        return listeners;
    }

    public String service() {
        return service;
    }

    public String queue() {
        return queue;
    }

    @Override
    public void setBeanName(String name) {
        this.beanName = name;
    }

    private String describe() {
        return beanName != null ? "'" + beanName + "'" : "an endpoint of " + service + " " + handlers.keySet();
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

        /** @throws IllegalArgumentException if {@code operation} belongs to another service */
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
            handlers.keySet()
                    .forEach(key -> declarables.add(
                            BindingBuilder.bind(queue).to(exchange).with(key)));
            return new RpcEndpoint(service, queueName, handlers, declarables);
        }
    }
}
