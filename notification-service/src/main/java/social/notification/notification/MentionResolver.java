package social.notification.notification;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
    private final Duration wait;

    MentionResolver(RpcClient rpc, MessagingProperties properties) {
        this.rpc = rpc;
        this.wait = properties.rpcTimeout();
    }

    /** The ids of the users named that exist; fails (so the event is retried) if user-service cannot answer. */
    List<UUID> resolve(List<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        return rpc
                .callAndWait(UserRpc.FIND_BY_USERNAMES, new FindUsersByUsernamesRequest(usernames), wait)
                .users()
                .stream()
                .map(UserSummary::id)
                .toList();
    }
}
