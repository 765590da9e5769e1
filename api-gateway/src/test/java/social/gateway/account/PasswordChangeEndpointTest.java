package social.gateway.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static social.gateway.ProblemJson.problem;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.AuthRpc;
import social.contract.auth.ChangePasswordRequest;
import social.gateway.GatewayWebMvcTest;
import social.gateway.TestTokens;
import social.gateway.web.ProblemCode;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;

/** PUT /api/users/me/password: asks auth-service on behalf of the caller's login, answers 204. */
@GatewayWebMvcTest
class PasswordChangeEndpointTest {
    private static final String BODY = "{\"currentPassword\":\"old password\",\"newPassword\":\"new password\"}";

    private final UUID userId = UUID.randomUUID();
    private final UUID loginId = UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void keys() {
        TestTokens.serveVerificationKeys(rpc);
    }

    @Test
    void authServiceIsAskedForTheCallersLoginAndTheAnswerIs204() {
        given(rpc.callAndWait(eq(AuthRpc.CHANGE_PASSWORD), any())).willReturn(Acknowledged.INSTANCE);

        assertThat(change(TestTokens.validFor(userId, loginId), BODY)).hasStatus(204);

        ArgumentCaptor<ChangePasswordRequest> asked = ArgumentCaptor.forClass(ChangePasswordRequest.class);
        verify(rpc).callAndWait(eq(AuthRpc.CHANGE_PASSWORD), asked.capture());
        assertThat(asked.getValue())
                .isEqualTo(new ChangePasswordRequest(userId, loginId, "old password", "new password", "127.0.0.1"));
    }

    @Test
    void aWrongCurrentPasswordIs401InvalidCredentialsAndAWeakNewOne400() {
        given(rpc.callAndWait(eq(AuthRpc.CHANGE_PASSWORD), any()))
                .willThrow(
                        new RpcErrorException(ErrorReply.of(ErrorCode.INVALID_CREDENTIALS, "wrong current password")))
                .willThrow(new RpcErrorException(new ErrorReply(
                        ErrorCode.VALIDATION_FAILED,
                        "The request is not valid.",
                        List.of(new ErrorReply.FieldError("newPassword", "must be 8 to 128 characters")),
                        null)));

        assertThat(change(TestTokens.validFor(userId, loginId), BODY))
                .satisfies(problem(ProblemCode.INVALID_CREDENTIALS, "wrong current password"));
        assertThat(change(TestTokens.validFor(userId, loginId), BODY))
                .satisfies(problem(ProblemCode.VALIDATION_FAILED))
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("newPassword");
    }

    @Test
    void withoutAValidAccessTokenAuthServiceIsNotAsked() {
        assertThat(change(null, BODY)).satisfies(problem(ProblemCode.UNAUTHENTICATED));
        verifyNoInteractions(rpc);
    }

    private MvcTestResult change(String token, String body) {
        var request = mvc.put()
                .uri("/api/users/me/password")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        return request.exchange();
    }
}
