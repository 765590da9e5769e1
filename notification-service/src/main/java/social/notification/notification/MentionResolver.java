package social.notification.notification;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import social.contract.user.FindUsersByUsernamesRequest;
import social.contract.user.UserRpc;
import social.contract.user.UserSummary;
import social.support.messaging.MessagingProperties;
import social.support.rpc.RpcClient;

/** Turns a post's mentioned usernames into user ids: one question to user-service per post. */
@Component
class MentionResolver {
    private final RpcClient rpc;
    private final long timeoutMillis;

    MentionResolver(RpcClient rpc, MessagingProperties properties) {
        this.rpc = rpc;
        this.timeoutMillis = properties.rpcTimeout().toMillis() + 1_000;
    }

    /** The ids of the users named that exist; fails (so the event is retried) if user-service cannot answer. */
    List<UUID> resolve(List<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        try {
            return rpc.call(UserRpc.FIND_BY_USERNAMES, new FindUsersByUsernamesRequest(usernames))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS)
                    .users().stream().map(UserSummary::id).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resolving mentions", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot resolve mentions " + usernames + ": " + e, e);
        }
    }
}
