package social.gateway;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import social.contract.like.LikeRpc;
import social.contract.like.LikeStates;
import social.contract.post.Post;
import social.contract.post.PostResult;
import social.contract.post.PostRpc;
import social.contract.user.UserRpc;
import social.contract.user.UserSummaries;
import social.contract.user.UserSummary;
import social.support.rpc.RpcClient;

/** Answers of the services, stubbed on the mocked {@link RpcClient}, that several slices need. */
public final class ServiceAnswers {
    private ServiceAnswers() {}

    /** A post of a new author, who has no likes yet. */
    public static Post aPost() {
        return new Post(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "hello",
                Instant.now(),
                null,
                null,
                0,
                0,
                false,
                List.of(),
                null,
                0,
                null);
    }

    /** post-service knows the post, user-service its author, and like-service knows no like of it. */
    public static void postExists(RpcClient rpc, Post post) {
        given(rpc.callAndWait(eq(PostRpc.GET), any())).willReturn(new PostResult(post, false));
        given(rpc.call(eq(UserRpc.GET_SUMMARIES), any()))
                .willReturn(CompletableFuture.completedFuture(
                        new UserSummaries(List.of(new UserSummary(post.authorId(), "author", "Author")))));
        given(rpc.call(eq(LikeRpc.GET_LIKE_STATES), any()))
                .willReturn(CompletableFuture.completedFuture(new LikeStates(List.of())));
    }
}
