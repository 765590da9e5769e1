package social.like.like;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import social.contract.like.BookmarkPostRequest;
import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikePostRequest;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates.LikeState;
import social.contract.post.Post;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** like-service answers a page's like counts and the caller's likes and bookmarks in one question. */
@ServiceIntegrationTest
@Import(PostServiceStandIn.class)
class LikeStatesIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    PostServiceStandIn posts;

    @Test
    void countsAndTheCallersLikesForEveryPostAskedAboutWithZeroForUnlikedPosts() {
        Post liked = posts.post(UUID.randomUUID());
        UUID unliked = UUID.randomUUID();
        UUID caller = UUID.randomUUID();
        rpc.call(LikeRpc.LIKE, new LikePostRequest(caller, liked.id()));
        rpc.call(LikeRpc.LIKE, new LikePostRequest(UUID.randomUUID(), liked.id()));

        List<LikeState> states = rpc.call(
                        LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(caller, List.of(liked.id(), unliked)))
                .states();
        List<LikeState> anonymous = rpc.call(
                        LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(null, List.of(liked.id())))
                .states();

        assertThat(states)
                .containsExactlyInAnyOrder(
                        new LikeState(liked.id(), 2, true, false), new LikeState(unliked, 0, false, false));
        assertThat(anonymous).containsExactly(new LikeState(liked.id(), 2, false, false));
    }

    @Test
    void theCallersBookmarksRideAlongInTheSameAnswerAndNobodyElseSeesThem() {
        Post bookmarkedOnly = posts.post(UUID.randomUUID());
        Post likedAndBookmarked = posts.post(UUID.randomUUID());
        Post bookmarkedBySomeoneElse = posts.post(UUID.randomUUID());
        UUID caller = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        rpc.call(LikeRpc.BOOKMARK, new BookmarkPostRequest(caller, bookmarkedOnly.id()));
        rpc.call(LikeRpc.BOOKMARK, new BookmarkPostRequest(caller, likedAndBookmarked.id()));
        rpc.call(LikeRpc.LIKE, new LikePostRequest(caller, likedAndBookmarked.id()));
        rpc.call(LikeRpc.BOOKMARK, new BookmarkPostRequest(other, bookmarkedBySomeoneElse.id()));
        List<UUID> page = List.of(bookmarkedOnly.id(), likedAndBookmarked.id(), bookmarkedBySomeoneElse.id());

        List<LikeState> callers = rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(caller, page))
                .states();
        List<LikeState> others = rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(other, page))
                .states();
        List<LikeState> anonymous = rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(null, page))
                .states();

        assertThat(callers)
                .containsExactlyInAnyOrder(
                        new LikeState(bookmarkedOnly.id(), 0, false, true),
                        new LikeState(likedAndBookmarked.id(), 1, true, true),
                        new LikeState(bookmarkedBySomeoneElse.id(), 0, false, false));
        assertThat(others)
                .containsExactlyInAnyOrder(
                        new LikeState(bookmarkedOnly.id(), 0, false, false),
                        new LikeState(likedAndBookmarked.id(), 1, false, false),
                        new LikeState(bookmarkedBySomeoneElse.id(), 0, false, true));
        assertThat(anonymous).noneMatch(LikeState::bookmarkedByMe).noneMatch(LikeState::likedByMe);
        assertThat(anonymous).hasSize(3);
    }
}
