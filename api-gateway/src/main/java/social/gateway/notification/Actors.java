package social.gateway.notification;

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
import social.support.rpc.RpcClient;

/** Who the actors of some notifications are: one batched question to user-service, never one per item. */
@Component
class Actors {
    private final RpcClient rpc;

    Actors(RpcClient rpc) {
        this.rpc = rpc;
    }

    CompletableFuture<Map<UUID, UserSummary>> of(Collection<UUID> actorIds) {
        List<UUID> distinct = actorIds.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return rpc.call(UserRpc.GET_SUMMARIES, new GetUserSummariesRequest(distinct))
                .thenApply(summaries -> summaries.users().stream()
                        .collect(Collectors.toMap(UserSummary::id, Function.identity(), (a, b) -> a)));
    }

    /** An actor user-service does not know (any more) still shows who it was. */
    static UserSummary summaryOf(Map<UUID, UserSummary> known, UUID actorId) {
        UserSummary summary = known.get(actorId);
        return summary != null ? summary : new UserSummary(actorId, null, null);
    }
}
