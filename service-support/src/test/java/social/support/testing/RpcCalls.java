package social.support.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import social.contract.ErrorReply;
import social.contract.rpc.Operation;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;

/**
 * A test's calls to a service over its real request queue: the answer, or the failure itself
 * ({@link RpcErrorException} for an error reply) rather than a wrapper. A bean in every
 * {@link ServiceIntegrationTest}.
 */
public final class RpcCalls {
    /** Longer than any service's own timeout, so that a missing reply fails as the client's timeout. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RpcClient client;

    public RpcCalls(RpcClient client) {
        this.client = client;
    }

    /** Asks and waits for the answer. */
    public <Q, R> R call(Operation<Q, R> operation, Q request) {
        return client.callAndWait(operation, request, WAIT);
    }

    /** Asks without waiting, for a test that puts many requests in flight at once. */
    public <Q, R> CompletableFuture<R> send(Operation<Q, R> operation, Q request) {
        return client.call(operation, request);
    }

    /** The error reply the service answers {@code request} with; fails the test if it answers anything else. */
    public <Q> ErrorReply refusal(Operation<Q, ?> operation, Q request) {
        Object answer;
        try {
            answer = call(operation, request);
        } catch (RpcErrorException e) {
            return e.reply();
        }
        throw new AssertionError(operation.routingKey() + " answered " + answer + " instead of refusing");
    }
}
