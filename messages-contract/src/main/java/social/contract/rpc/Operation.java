package social.contract.rpc;

import social.contract.MessageType;

/**
 * A request/reply operation: which service owns it, what it takes and what it answers.
 * Its routing key is the request's logical type id.
 */
public record Operation<Q, R>(String service, Class<Q> requestType, Class<R> replyType) {

    public Operation {
        if (!requestType.isAnnotationPresent(MessageType.class)) {
            throw new IllegalArgumentException(requestType.getName() + " lacks @MessageType");
        }
    }

    public String routingKey() {
        return requestType.getAnnotation(MessageType.class).value();
    }
}
