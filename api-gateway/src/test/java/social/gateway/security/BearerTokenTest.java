package social.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static social.gateway.ProblemJson.problem;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.auth.AuthRpc;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginEnded;
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
// The default refill (one invalid token a second) lets a slow machine earn a token back in the middle of a
// burst; one a minute keeps the counts independent of how fast the requests run.
@GatewayWebMvcTest
@TestPropertySource(properties = "social.gateway.rate-limit.invalid-tokens-per-minute=1")
class BearerTokenTest {
    private final UUID userId = UUID.randomUUID();
    private final Post post = ServiceAnswers.aPost();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @Autowired
    LoggedOutLogins loggedOutLogins;

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
    void anHs256TokenSignedWithThePublicKeyAsSecretIs401() {
        assertRefused(me(TestTokens.hmacSignedWithThePublicKeyFor(userId)));
    }

    @Test
    void aTokenWithoutAKeyIdIs401() {
        assertRefused(me(TestTokens.withoutKeyIdFor(userId)));
    }

    @Test
    void aTokenNamingAnUnknownKeyIdIs401() {
        assertRefused(me(TestTokens.withUnknownKeyIdFor(userId)));
    }

    @Test
    void aTokenFromAnotherIssuerIs401() {
        assertRefused(me(TestTokens.withWrongIssuerFor(userId)));
    }

    @Test
    void aTokenForAnotherAudienceIs401() {
        assertRefused(me(TestTokens.withWrongAudienceFor(userId)));
    }

    @Test
    void aRefreshTokenPresentedAsAccessTokenIs401() {
        assertRefused(me(TestTokens.aRefreshToken()));
    }

    @Test
    void aFloodOfInvalidTokensFromOneAddressIs429WithoutCheckingThemWhileAnotherAddressIsServed() {
        String flooder = "198.51.100." + (1 + new Random().nextInt(200));
        // the default allowance: 20 invalid tokens, then 429 before any signature check
        for (int i = 0; i < 20; i++) {
            assertThat(me(TestTokens.signedByAnotherKeyFor(userId), flooder)).hasStatus(HttpStatus.UNAUTHORIZED);
        }
        MvcTestResult throttled = me(TestTokens.signedByAnotherKeyFor(userId), flooder);
        assertThat(throttled)
                .satisfies(problem(HttpStatus.TOO_MANY_REQUESTS))
                .headers()
                .hasHeaderSatisfying(
                        "Retry-After",
                        values -> assertThat(Long.parseLong(values.get(0))).isPositive());
        assertThat(me(TestTokens.unsignedFor(userId), flooder)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);

        assertThat(me(TestTokens.validFor(userId), "203.0.113.9")).hasStatusOk();
        then(rpc).should().callAndWait(UserRpc.GET, new GetUserRequest(userId));
    }

    @Test
    void aClientWhoseAddressIsThrottledKeepsUsingATokenAlreadyVerified() {
        String shared = "198.51.100." + (201 + new Random().nextInt(50));
        String valid = TestTokens.validFor(userId);
        assertThat(me(valid, shared)).hasStatusOk();
        for (int i = 0; i < 25; i++) {
            me(TestTokens.expiredFor(userId), shared);
        }
        assertThat(me(TestTokens.expiredFor(userId), shared)).hasStatus(HttpStatus.TOO_MANY_REQUESTS);

        assertThat(me(valid, shared)).hasStatusOk();
    }

    @Test
    void aStaleTokenOnAnEncodedSpellingOfRefreshIsIgnoredAsOnThePlainOne() {
        given(rpc.callAndWait(eq(AuthRpc.REFRESH), any()))
                .willReturn(new IssuedTokens("access", "refresh", "Bearer", 900));

        assertThat(mvc.post()
                        .uri(URI.create("/%61pi/auth/%72efresh"))
                        .header("Authorization", "Bearer " + TestTokens.expiredFor(userId))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refreshToken\":\"refresh\"}"))
                .hasStatusOk();
    }

    @Test
    void aTokenOfALoginThatEndedIsRefusedEvenIfVerifiedBeforeWhileAnotherLoginOfTheUserIsNot() {
        UUID endedLogin = UUID.randomUUID();
        String loggedOut = TestTokens.validFor(userId, endedLogin);
        String otherDevice = TestTokens.validFor(userId, UUID.randomUUID());
        assertThat(me(loggedOut)).hasStatusOk();

        loggedOutLogins.ended(new LoginEnded(UUID.randomUUID(), Instant.now(), 1, userId, endedLogin, Instant.now()));

        assertRefusedWithoutAsking(me(loggedOut));
        assertThat(me(otherDevice)).hasStatusOk();
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
        return me(token, "192.0.2." + (1 + new Random().nextInt(250)));
    }

    private MvcTestResult me(String token, String address) {
        return mvc.get()
                .uri("/api/users/me")
                .header("Authorization", "Bearer " + token)
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })
                .exchange();
    }

    private void assertRefusedWithoutAsking(MvcTestResult result) {
        assertThat(result)
                .satisfies(problem(HttpStatus.UNAUTHORIZED))
                .hasHeader(
                        "WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"the login of this access token has ended\"");
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
