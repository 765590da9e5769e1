package social.gateway.user;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import social.contract.user.GetUserSummariesRequest;
import social.contract.user.UserRpc;
import social.contract.user.UserSummary;
import social.gateway.web.ApiException;
import social.gateway.web.Page;
import social.support.rpc.RpcClient;

/**
 * Who some users are, for every answer that names users (authors, actors, followers, likers).
 * Summaries are kept in a bounded cache, made stale only by a rename, which {@link UserChanges}
 * hears and forgets here; what is not cached costs one batched question to user-service for all
 * the misses together, never one per user. Ids user-service does not know are not cached.
 */
@Component
public class UserDirectory {
    private final RpcClient rpc;
    private final AsyncCache<UUID, UserSummary> cache;

    /** The meters where the context has them (a web-layer test slice has none). */
    @Autowired
    UserDirectory(RpcClient rpc, UserCacheProperties properties, ObjectProvider<MeterRegistry> meters) {
        this(rpc, properties, meters.getIfAvailable());
    }

    UserDirectory(RpcClient rpc, UserCacheProperties properties, MeterRegistry meters) {
        this.rpc = rpc;
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.maxSize())
                .expireAfterWrite(properties.expireAfterWrite())
                .recordStats()
                .buildAsync();
        if (meters != null) {
            // cache_gets_total{cache="users",result="hit|miss"}: the hit rate on the dashboard
            CaffeineCacheMetrics.monitor(meters, cache, "users");
        }
    }

    /** The users among {@code userIds} that exist, by id, waiting for user-service if it must be asked. */
    public Map<UUID, UserSummary> known(Collection<UUID> userIds) {
        return RpcClient.await(summaries(userIds));
    }

    /** As {@link #known}, as a future: for asking alongside other questions. */
    public CompletableFuture<Map<UUID, UserSummary>> summaries(Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        // misses become in-flight entries that forget() removes, and Caffeine stores a load's
        // result only into its own entry: a rename heard during the load never gets the old name back
        return cache.getAll(new LinkedHashSet<>(userIds), (missing, executor) -> ask(missing));
    }

    /** Throws 404 for an id user-service does not know. A cached user costs no question. */
    public void requireExisting(UUID userId) {
        if (!known(List.of(userId)).containsKey(userId)) {
            throw ApiException.notFound("no such user");
        }
    }

    /**
     * The answer to {@code question}, asked about a user alongside the check that the user exists:
     * 404 for an unknown user whatever the answer. Asked together, they cost the longer wait, not both.
     */
    public <R> R aboutExisting(UUID userId, CompletableFuture<R> question) {
        requireExisting(userId);
        return RpcClient.await(question);
    }

    /** A page of users in the order of {@code userIds}; users that no longer exist are left out. */
    public Page<UserSummary> page(List<UUID> userIds, String nextCursor) {
        Map<UUID, UserSummary> byId = known(userIds);
        return new Page<>(
                userIds.stream().filter(byId::containsKey).map(byId::get).toList(), nextCursor);
    }

    /** The user's summary changed: the next question about it goes to user-service. */
    public void forget(UUID userId) {
        cache.synchronous().invalidate(userId);
    }

    /** Renames may have been missed (this instance's event queue was gone for a while). */
    void forgetAll() {
        cache.synchronous().invalidateAll();
    }

    /** A user user-service does not know (any more) still shows who it was. */
    public static UserSummary summaryOf(Map<UUID, UserSummary> known, UUID userId) {
        UserSummary summary = known.get(userId);
        return summary != null ? summary : new UserSummary(userId, null, null);
    }

    /** Only the users found: an id missing from the answer is left out of the cache, not cached as absent. */
    private CompletableFuture<Map<UUID, UserSummary>> ask(Set<? extends UUID> missing) {
        return rpc.call(UserRpc.GET_SUMMARIES, new GetUserSummariesRequest(List.copyOf(missing)))
                .thenApply(found -> found.users().stream()
                        .collect(Collectors.toMap(UserSummary::id, Function.identity(), (a, b) -> a)));
    }
}
