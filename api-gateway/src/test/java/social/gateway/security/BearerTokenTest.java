package social.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static social.gateway.ProblemJson.problem;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.auth.AuthRpc;
import social.contract.auth.IssuedTokens;
import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeRpc;
import social.contract.post.GetPostRequest;
import social.contract.post.Post;
import social.contract.post.PostRpc;
import social.contract.user.GetUserRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.gateway.GatewayWebMvcTest;
import social.gateway.ServiceAnswers;
import social.gateway.TestTokens;
import social.support.rpc.RpcClient;

/** Who the caller is: only a valid access token says so; a present but invalid one is refused everywhere. */
@GatewayWebMvcTest
class BearerTokenTest {
    private final UUID userId = UUID.randomUUID();
    private final Post post = ServiceAnswers.aPost();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void services() {
        TestTokens.serveVerificationKeys(rpc);
        given(rpc.callAndWait(eq(UserRpc.GET), any()))
                .willReturn(new User(userId, "ann", "Ann", "", Instant.now(), 0, 0, 0));
        ServiceAnswers.postExists(rpc, post);
    }

    @Test
    void aValidTokenNamesTheCaller() {
        assertThat(me(TestTokens.validFor(userId))).hasStatusOk();

        then(rpc).should().callAndWait(UserRpc.GET, new GetUserRequest(userId));
    }

    @Test
    void aMissingTokenOnAProtectedEndpointIs401WithABearerChallenge() {
        assertThat(mvc.get().uri("/api/users/me"))
                .satisfies(problem(HttpStatus.UNAUTHORIZED, "A valid access token is required."))
                .hasHeader("WWW-Authenticate", "Bearer");
        then(rpc).should(never()).callAndWait(eq(UserRpc.GET), any());
    }

    @Test
    void aTamperedTokenIs401() {
        assertRefused(me(TestTokens.tamperedFor(userId, UUID.randomUUID())));
    }

    @Test
    void anExpiredTokenIs401() {
        assertRefused(me(TestTokens.expiredFor(userId)));
    }

    @Test
    void anUnsignedAlgNoneTokenIs401() {
        assertRefused(me(TestTokens.unsignedFor(userId)));
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() {
        assertRefused(me(TestTokens.signedByAnotherKeyFor(userId)));
    }

    @Test
    void anAuthorizationHeaderThatIsNotBearerIs401() {
        assertRefused(mvc.get()
                .uri("/api/users/me")
                .header("Authorization", "Basic YW5uOnNlY3JldA==")
                .exchange());
    }

    @Test
    void anOptionalEndpointWithoutATokenAnswersAnonymously() {
        assertThat(mvc.get().uri("/api/posts/{id}", post.id()))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.id")
                .isEqualTo(post.id().toString());

        then(rpc).should().callAndWait(PostRpc.GET, new GetPostRequest(null, post.id()));
        then(rpc).should().call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(null, List.of(post.id())));
    }

    @Test
    void anOptionalEndpointWithAValidTokenPersonalisesForTheCaller() {
        assertThat(mvc.get()
                        .uri("/api/posts/{id}", post.id())
                        .header("Authorization", "Bearer " + TestTokens.validFor(userId)))
                .hasStatusOk();

        then(rpc).should().callAndWait(PostRpc.GET, new GetPostRequest(userId, post.id()));
    }

    @Test
    void anOptionalEndpointWithAnInvalidTokenIs401() {
        assertRefused(mvc.get()
                .uri("/api/posts/{id}", post.id())
                .header("Authorization", "Bearer " + TestTokens.expiredFor(userId))
                .exchange());
        then(rpc).should(never()).callAndWait(eq(PostRpc.GET), any());
    }

    @Test
    void aStaleTokenSentAlongDoesNotKeepAClientFromRefreshing() {
        given(rpc.callAndWait(eq(AuthRpc.REFRESH), any()))
                .willReturn(new IssuedTokens("access", "refresh", "Bearer", 900));

        assertThat(mvc.post()
                        .uri("/api/auth/refresh")
                        .header("Authorization", "Bearer " + TestTokens.expiredFor(userId))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"refresh\"}"))
                .hasStatusOk();
    }

    private MvcTestResult me(String token) {
        return mvc.get()
                .uri("/api/users/me")
                .header("Authorization", "Bearer " + token)
                .exchange();
    }

    private void assertRefused(MvcTestResult result) {
        assertThat(result)
                .satisfies(problem(HttpStatus.UNAUTHORIZED))
                .headers()
                .hasHeaderSatisfying(
                        "WWW-Authenticate",
                        values -> assertThat(values)
                                .singleElement()
                                .asString()
                                .startsWith("Bearer error=\"invalid_token\""));
        then(rpc).should(never()).callAndWait(eq(UserRpc.GET), any());
    }
}
