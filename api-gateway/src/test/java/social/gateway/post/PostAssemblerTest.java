package social.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates;
import social.contract.post.Post;
import social.contract.post.PostPage;
import social.contract.user.UserSummary;
import social.gateway.user.UserDirectory;
import social.support.rpc.RpcClient;

/**
 * A page whose posts show other posts inside (a repost's original, quoted posts, the post a
 * reposted quote quotes) still costs one question for all authors and one for all likes.
 */
class PostAssemblerTest {
    private final RpcClient rpc = mock(RpcClient.class);
    private final UserDirectory users = mock(UserDirectory.class);
    private final PostAssembler assembler = new PostAssembler(rpc, users);

    @Test
    void theAuthorsAndLikesOfEveryPostShownAreAskedForOnceForTheWholePage() {
        Post quotedA = post(null, null);
        Post quotedB = post(null, null);
        Post quote = post(null, quotedA);
        Post quoteReposted = post(null, quotedB);
        Post repost = post(quoteReposted, null);
        Post plain = post(null, null);
        List<Post> page = List.of(quote, repost, plain);
        List<Post> shown = List.of(quote, quotedA, repost, quoteReposted, quotedB, plain);
        given(users.summaries(any()))
                .willAnswer(call -> CompletableFuture.completedFuture(call.<Collection<UUID>>getArgument(0).stream()
                        .collect(Collectors.toMap(Function.identity(), id -> new UserSummary(id, "u" + id, "U")))));
        given(rpc.call(eq(LikeRpc.GET_LIKE_STATES), any()))
                .willAnswer(call -> CompletableFuture.completedFuture(new LikeStates(
                        call.<GetLikeStatesRequest>getArgument(1).postIds().stream()
                                .map(id -> new LikeStates.LikeState(id, 7, id.equals(quotedB.id()), false))
                                .toList())));

        List<PostView> views =
                assembler.page(new PostPage(page, null), UUID.randomUUID()).items();

        ArgumentCaptor<Collection<UUID>> authors = ArgumentCaptor.captor();
        then(users).should(times(1)).summaries(authors.capture());
        assertThat(authors.getValue())
                .containsExactlyInAnyOrderElementsOf(
                        shown.stream().map(Post::authorId).toList());
        ArgumentCaptor<GetLikeStatesRequest> likes = ArgumentCaptor.captor();
        then(rpc).should(times(1)).call(eq(LikeRpc.GET_LIKE_STATES), likes.capture());
        assertThat(likes.getValue().postIds())
                .containsExactlyInAnyOrderElementsOf(
                        shown.stream().map(Post::id).toList());
        PostView quoted = views.get(1).repostOf().quoteOf();
        assertThat(quoted.id()).isEqualTo(quotedB.id());
        assertThat(quoted.author().id()).isEqualTo(quotedB.authorId());
        assertThat(quoted.likeCount()).isEqualTo(7);
        assertThat(quoted.likedByMe()).isTrue();
        assertThat(views.get(0).quoteOf().author().id()).isEqualTo(quotedA.authorId());
        assertThat(views.get(2).quoteOf()).isNull();
    }

    private static Post post(Post repostOf, Post quoteOf) {
        return new Post(
                UUID.randomUUID(),
                UUID.randomUUID(),
                repostOf == null ? "words" : "",
                Instant.now(),
                null,
                repostOf,
                0,
                0,
                false,
                List.of(),
                quoteOf,
                0,
                null);
    }
}
