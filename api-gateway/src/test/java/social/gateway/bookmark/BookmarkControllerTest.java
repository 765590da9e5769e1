package social.gateway.bookmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import social.contract.like.BookmarkPage;
import social.contract.like.GetBookmarksRequest;
import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates;
import social.contract.like.LikeStates.LikeState;
import social.contract.post.GetPostsRequest;
import social.contract.post.Post;
import social.contract.post.PostList;
import social.contract.post.PostRpc;
import social.contract.user.UserRpc;
import social.contract.user.UserSummaries;
import social.contract.user.UserSummary;
import social.gateway.GatewayWebMvcTest;
import social.gateway.ServiceAnswers;
import social.gateway.TestTokens;
import social.support.rpc.RpcClient;

/** A page of bookmarks costs a fixed number of questions, always about the authenticated caller's own. */
@GatewayWebMvcTest
class BookmarkControllerTest {
    private final UUID callerId = UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void services() {
        TestTokens.serveVerificationKeys(rpc);
    }

    @Test
    void aPageOfBookmarksAsksForTheCallersIdsThenForAllTheirPostsAtOnceInBookmarkOrder() {
        Post newer = ServiceAnswers.aPost();
        Post older = ServiceAnswers.aPost();
        given(rpc.callAndWait(eq(LikeRpc.GET_BOOKMARKS), any()))
                .willReturn(new BookmarkPage(List.of(newer.id(), older.id()), "next"));
        given(rpc.callAndWait(eq(PostRpc.GET_MANY), any())).willReturn(new PostList(List.of(newer, older)));
        given(rpc.call(eq(UserRpc.GET_SUMMARIES), any()))
                .willReturn(CompletableFuture.completedFuture(new UserSummaries(List.of(
                        new UserSummary(newer.authorId(), "newer", "Newer"),
                        new UserSummary(older.authorId(), "older", "Older")))));
        given(rpc.call(eq(LikeRpc.GET_LIKE_STATES), any()))
                .willReturn(CompletableFuture.completedFuture(new LikeStates(List.of(
                        new LikeState(newer.id(), 3, false, true), new LikeState(older.id(), 0, false, true)))));

        assertThat(mvc.get()
                        .uri("/api/bookmarks?limit=2&cursor=abc&userId=" + UUID.randomUUID())
                        .header("Authorization", "Bearer " + TestTokens.validFor(callerId)))
                .hasStatusOk()
                .bodyJson()
                .isLenientlyEqualTo("""
                        {"items": [
                          {"id": "%s", "likeCount": 3, "bookmarkedByMe": true, "author": {"username": "newer"}},
                          {"id": "%s", "likeCount": 0, "bookmarkedByMe": true, "author": {"username": "older"}}],
                         "nextCursor": "next"}""".formatted(newer.id(), older.id()));

        then(rpc).should().callAndWait(LikeRpc.GET_BOOKMARKS, new GetBookmarksRequest(callerId, 2, "abc"));
        then(rpc)
                .should()
                .callAndWait(PostRpc.GET_MANY, new GetPostsRequest(callerId, List.of(newer.id(), older.id())));
        then(rpc)
                .should()
                .call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(callerId, List.of(newer.id(), older.id())));
    }

    @Test
    void anEmptyPageOfBookmarksAsksPostServiceNothing() {
        given(rpc.callAndWait(eq(LikeRpc.GET_BOOKMARKS), any())).willReturn(new BookmarkPage(List.of(), null));

        assertThat(mvc.get().uri("/api/bookmarks").header("Authorization", "Bearer " + TestTokens.validFor(callerId)))
                .hasStatusOk()
                .bodyJson()
                .isLenientlyEqualTo("""
                        {"items": [], "nextCursor": null}""");

        then(rpc).should().callAndWait(LikeRpc.GET_BOOKMARKS, new GetBookmarksRequest(callerId, 20, null));
        then(rpc).should(never()).callAndWait(eq(PostRpc.GET_MANY), any());
    }
}
