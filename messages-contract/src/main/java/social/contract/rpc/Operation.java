package social.contract.rpc;

import social.contract.MessageTypes;

/**
 * A request/reply operation: which service owns it, what it takes and what it answers.
 * Its routing key is the request's logical type id.
 */
public record Operation<Q, R>(String service, Class<Q> requestType, Class<R> replyType) {

    public String routingKey() {
        return MessageTypes.idOf(requestType);
    }
}
