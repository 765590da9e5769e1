package social.gateway.user;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import social.contract.user.GetUserSummariesRequest;
import social.contract.user.UserRpc;
import social.contract.user.UserSummary;
import social.gateway.web.Page;
import social.support.rpc.RpcClient;

/**
 * Who some users are, for every answer that names users (authors, actors, followers, likers):
 * one batched question to user-service, never one per user.
 */
@Component
public class UserDirectory {
    private final RpcClient rpc;

    UserDirectory(RpcClient rpc) {
        this.rpc = rpc;
    }

    public CompletableFuture<Map<UUID, UserSummary>> summaries(Collection<UUID> userIds) {
        List<UUID> distinct = userIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return rpc.call(UserRpc.GET_SUMMARIES, new GetUserSummariesRequest(distinct))
                .thenApply(found -> found.users().stream()
                        .collect(Collectors.toMap(UserSummary::id, Function.identity(), (a, b) -> a)));
    }

    /** A page of users in the order of {@code userIds}; users that no longer exist are left out. */
    public CompletableFuture<Page<UserSummary>> page(List<UUID> userIds, String nextCursor) {
        return summaries(userIds).thenApply(byId -> new Page<>(
                userIds.stream().filter(byId::containsKey).map(byId::get).toList(), nextCursor));
    }

    /** A user user-service does not know (any more) still shows who it was. */
    public static UserSummary summaryOf(Map<UUID, UserSummary> known, UUID userId) {
        UserSummary summary = known.get(userId);
        return summary != null ? summary : new UserSummary(userId, null, null);
    }
}
