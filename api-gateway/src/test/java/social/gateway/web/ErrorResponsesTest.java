package social.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static social.gateway.ProblemJson.problem;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.AuthRpc;
import social.contract.like.LikeRpc;
import social.contract.post.Post;
import social.contract.user.UserRpc;
import social.gateway.GatewayWebMvcTest;
import social.gateway.ServiceAnswers;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;
import social.support.rpc.RpcTimeoutException;
import social.support.rpc.RpcUnavailableException;

/** How the gateway answers what went wrong, its own refusals and the services' alike: problem+json. */
@GatewayWebMvcTest
class ErrorResponsesTest {
    private static final String LOGIN = "{\"username\":\"ann\",\"password\":\"correct horse\"}";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void anErrorReplyIsAnsweredWithItsCodesStatusAndTheServicesMessage(ErrorCode code) {
        given(rpc.callAndWait(eq(UserRpc.GET), any()))
                .willThrow(new RpcErrorException(ErrorReply.of(code, "what the service said")));

        assertThat(mvc.get().uri("/api/users/{id}", UUID.randomUUID()))
                .satisfies(problem(ProblemCode.of(code), "what the service said"));
    }

    @Test
    void aValidationErrorReplyListsItsFieldErrors() {
        given(rpc.callAndWait(eq(AuthRpc.REGISTER), any()))
                .willThrow(new RpcErrorException(new ErrorReply(
                        ErrorCode.VALIDATION_FAILED,
                        "invalid registration",
                        List.of(
                                new ErrorReply.FieldError("username", "3-30 letters, digits or underscores"),
                                new ErrorReply.FieldError("email", "not an email address")),
                        null)));

        var response = mvc.post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"a!\",\"email\":\"nope\",\"password\":\"long enough\"}")
                .exchange();

        assertThat(response).satisfies(problem(ProblemCode.VALIDATION_FAILED, "invalid registration"));
        assertThat(response)
                .bodyJson()
                .extractingPath("$.errors")
                .isEqualTo(List.of(
                        Map.of("field", "username", "message", "3-30 letters, digits or underscores"),
                        Map.of("field", "email", "message", "not an email address")));
    }

    // issue 26, item 12: a lone surrogate was read into the request, then failed the message to auth-service (a 500)
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"\\ud800", "x\\udfff", "\\udbff\\udbff", "\\ud83d\\u0041"})
    void aLoneSurrogateInABodyIsA400AndNeverReachesAService(String escaped) {
        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"" + escaped + "\",\"password\":\"correct horse\"}"))
                .satisfies(problem(
                        ProblemCode.MALFORMED_REQUEST,
                        "The request body is missing or is not valid JSON of the expected shape."));
        verifyNoInteractions(rpc);
    }

    @Test
    void aPairedSurrogateIsACharacterLikeAnyOther() {
        given(rpc.callAndWait(eq(AuthRpc.LOGIN), any()))
                .willThrow(new RpcErrorException(
                        ErrorReply.of(ErrorCode.INVALID_CREDENTIALS, "wrong username or password")));

        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\":\"ann\\ud83d\\ude00\",\"password\":\"correct horse\"}"))
                .satisfies(problem(ProblemCode.INVALID_CREDENTIALS, "wrong username or password"));
    }

    @Test
    void anUnauthorizedReplyChallengesForABearerToken() {
        given(rpc.callAndWait(eq(AuthRpc.LOGIN), any()))
                .willThrow(new RpcErrorException(
                        ErrorReply.of(ErrorCode.INVALID_CREDENTIALS, "wrong username or password")));

        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(LOGIN))
                .satisfies(problem(ProblemCode.INVALID_CREDENTIALS, "wrong username or password"))
                .hasHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() {
        given(rpc.callAndWait(eq(AuthRpc.LOGIN), any()))
                .willThrow(new RpcErrorException(
                        new ErrorReply(ErrorCode.TOO_MANY_FAILED_LOGINS, "too many failed logins", List.of(), 840L)));

        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(LOGIN))
                .satisfies(problem(ProblemCode.TOO_MANY_FAILED_LOGINS, "too many failed logins"))
                .hasHeader("Retry-After", "840");
    }

    @Test
    void noReplyInTimeIs504() {
        given(rpc.callAndWait(eq(UserRpc.GET), any())).willThrow(new RpcTimeoutException(UserRpc.GET.routingKey()));

        assertThat(mvc.get().uri("/api/users/{id}", UUID.randomUUID()))
                .satisfies(problem(ProblemCode.TIMEOUT, "A service did not answer in time."));
    }

    @Test
    void aRequestThatCannotBeDeliveredIs503() {
        given(rpc.callAndWait(eq(UserRpc.GET), any()))
                .willThrow(new RpcUnavailableException("user", new IllegalStateException("no route")));

        assertThat(mvc.get().uri("/api/users/{id}", UUID.randomUUID()))
                .satisfies(problem(ProblemCode.SERVICE_UNAVAILABLE, "A service is unavailable, try again shortly."));
    }

    @Test
    void aFailureOfAQuestionAskedInParallelIsAnsweredAsItself() {
        Post post = ServiceAnswers.aPost();
        ServiceAnswers.postExists(rpc, post);
        given(rpc.call(eq(LikeRpc.GET_LIKE_STATES), any()))
                .willReturn(
                        CompletableFuture.failedFuture(new RpcTimeoutException(LikeRpc.GET_LIKE_STATES.routingKey())));

        assertThat(mvc.get().uri("/api/posts/{id}", post.id()))
                .satisfies(problem(ProblemCode.TIMEOUT, "A service did not answer in time."));
    }

    @Test
    void anUnexpectedFailureIs500AndKeepsItsDetailsToItself() {
        given(rpc.callAndWait(eq(UserRpc.GET), any())).willThrow(new IllegalStateException("secret internals"));

        assertThat(mvc.get().uri("/api/users/{id}", UUID.randomUUID()))
                .satisfies(problem(ProblemCode.INTERNAL_ERROR, "Something went wrong on our side."))
                .bodyText()
                .doesNotContain("secret internals");
    }

    @Test
    void malformedJsonIs400() {
        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": "))
                .satisfies(problem(ProblemCode.MALFORMED_REQUEST));
        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(""))
                .satisfies(problem(ProblemCode.MALFORMED_REQUEST));
        verifyNoInteractions(rpc);
    }

    @Test
    void wrongTypesAre400NeverCoerced() {
        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": 12345, \"password\": \"correct horse\"}"))
                .satisfies(problem(ProblemCode.MALFORMED_REQUEST));
        assertThat(mvc.post()
                        .uri("/api/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"ann\", \"password\": true}"))
                .satisfies(problem(ProblemCode.MALFORMED_REQUEST));
        assertThat(mvc.get().uri("/api/users/search?q=a&limit=ten")).satisfies(problem(ProblemCode.MALFORMED_REQUEST));
        verifyNoInteractions(rpc);
    }

    @Test
    void aWrongMethodIs405() {
        assertThat(mvc.delete().uri("/api/auth/login")).satisfies(problem(ProblemCode.METHOD_NOT_ALLOWED));
    }

    @Test
    void anUnknownPathIs404() {
        assertThat(mvc.get().uri("/api/no/such/thing").accept(MediaType.TEXT_HTML))
                .satisfies(problem(ProblemCode.NOT_FOUND));
    }

    @Test
    void aBodyOver64KiBIs413AndReachesNoService() {
        String big = "{\"username\":\"" + "a".repeat(70 * 1024) + "\"}";

        assertThat(mvc.post()
                        .uri("/api/auth/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(big))
                .satisfies(problem(ProblemCode.PAYLOAD_TOO_LARGE));
        verifyNoInteractions(rpc);
    }
}
