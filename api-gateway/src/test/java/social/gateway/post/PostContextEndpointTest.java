package social.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static social.gateway.ProblemJson.problem;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates;
import social.contract.post.GetPostContextRequest;
import social.contract.post.Post;
import social.contract.post.PostContext;
import social.contract.post.PostRpc;
import social.contract.user.UserRpc;
import social.contract.user.UserSummaries;
import social.contract.user.UserSummary;
import social.gateway.GatewayWebMvcTest;
import social.gateway.ServiceAnswers;
import social.gateway.web.ProblemCode;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;

/** GET /api/posts/{id}/context: both lists of post-service's answer, completed in one round of questions. */
@GatewayWebMvcTest
class PostContextEndpointTest {
    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @Test
    void ancestorsAndDescendantsKeepTheirOrderAndShareOneQuestionForLikes() {
        Post root = ServiceAnswers.aPost();
        Post parent = ServiceAnswers.aPost();
        Post reply = ServiceAnswers.aPost();
        UUID postId = UUID.randomUUID();
        given(rpc.callAndWait(eq(PostRpc.GET_CONTEXT), eq(new GetPostContextRequest(null, postId))))
                .willReturn(new PostContext(List.of(root, parent), List.of(reply)));
        given(rpc.call(eq(UserRpc.GET_SUMMARIES), any()))
                .willReturn(CompletableFuture.completedFuture(new UserSummaries(List.of(
                        new UserSummary(root.authorId(), "root", "Root"),
                        new UserSummary(parent.authorId(), "parent", "Parent"),
                        new UserSummary(reply.authorId(), "reply", "Reply")))));
        given(rpc.call(eq(LikeRpc.GET_LIKE_STATES), any()))
                .willReturn(CompletableFuture.completedFuture(new LikeStates(List.of())));

        MvcTestResult answer = mvc.get().uri("/api/posts/{id}/context", postId).exchange();

        assertThat(answer).hasStatusOk();
        assertThat(answer)
                .bodyJson()
                .extractingPath("$.ancestors[*].id")
                .isEqualTo(List.of(root.id().toString(), parent.id().toString()));
        assertThat(answer)
                .bodyJson()
                .extractingPath("$.descendants[*].author.username")
                .isEqualTo(List.of("reply"));
        verify(rpc, times(1)).call(eq(LikeRpc.GET_LIKE_STATES), any());
    }

    @Test
    void anUnknownPostIs404() {
        given(rpc.callAndWait(eq(PostRpc.GET_CONTEXT), any()))
                .willThrow(new RpcErrorException(ErrorReply.of(ErrorCode.NOT_FOUND, "no such post")));

        assertThat(mvc.get().uri("/api/posts/{id}/context", UUID.randomUUID()))
                .satisfies(problem(ProblemCode.NOT_FOUND, "no such post"));
        assertThat(mvc.get().uri("/api/posts/not-an-id/context")).satisfies(problem(ProblemCode.NOT_FOUND));
    }
}
