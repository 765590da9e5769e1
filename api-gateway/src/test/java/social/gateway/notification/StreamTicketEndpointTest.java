package social.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static social.gateway.ProblemJson.problem;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.auth.AuthRpc;
import social.contract.auth.IssueStreamTicketRequest;
import social.contract.auth.RedeemStreamTicketRequest;
import social.contract.auth.StreamTicket;
import social.contract.auth.StreamTicketHolder;
import social.gateway.GatewayWebMvcTest;
import social.gateway.TestTokens;
import social.gateway.web.ProblemCode;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;

/**
 * The notification stream opened with a single-use ticket instead of a token in the URL: issued and
 * redeemed by auth-service, so that any gateway instance opens the stream with a ticket another issued.
 */
@GatewayWebMvcTest
class StreamTicketEndpointTest {
    private static final String TICKET = "k3lV0b3Fz9m2PqWcXy7RtA5nHd8JgLs1Ue4Io6Ba0Cz";

    private final UUID userId = UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void keys() {
        TestTokens.serveVerificationKeys(rpc);
    }

    @Test
    void authServiceIssuesTheTicketToTheCallerOfTheAccessToken() throws Exception {
        UUID login = UUID.randomUUID();
        given(rpc.callAndWait(eq(AuthRpc.ISSUE_STREAM_TICKET), any())).willReturn(new StreamTicket(TICKET, 30));

        MvcTestResult issued = mvc.post()
                .uri("/api/notifications/stream-ticket")
                .header("Authorization", "Bearer " + TestTokens.validFor(userId, login))
                .exchange();

        assertThat(issued).hasStatusOk().bodyJson().extractingPath("$.ticket").isEqualTo(TICKET);
        assertThat(issued).bodyJson().extractingPath("$.expiresIn").isEqualTo(30);
        ArgumentCaptor<IssueStreamTicketRequest> asked = ArgumentCaptor.forClass(IssueStreamTicketRequest.class);
        verify(rpc).callAndWait(eq(AuthRpc.ISSUE_STREAM_TICKET), asked.capture());
        assertThat(asked.getValue().callerId()).isEqualTo(userId);
        assertThat(asked.getValue().loginId()).isEqualTo(login);
        assertThat(asked.getValue().tokenExpiresAt()).isAfter(Instant.now());
    }

    @Test
    void aTicketAuthServiceRedeemsOpensTheStreamOfItsHolder() {
        given(rpc.callAndWait(eq(AuthRpc.REDEEM_STREAM_TICKET), eq(new RedeemStreamTicketRequest(TICKET))))
                .willReturn(new StreamTicketHolder(
                        userId, "holder", null, Instant.now().plusSeconds(600)));

        MvcTestResult opened = mvc.get()
                .uri("/api/notifications/stream?ticket=" + TICKET)
                .header("Accept", "text/event-stream")
                .asyncExchange();

        assertThat(opened.getResponse().getStatus()).isEqualTo(200);
        assertThat(opened.getMvcResult().getRequest().isAsyncStarted()).isTrue();
    }

    @Test
    void aTicketAuthServiceRefusesIs401() {
        given(rpc.callAndWait(eq(AuthRpc.REDEEM_STREAM_TICKET), any()))
                .willThrow(new RpcErrorException(
                        ErrorReply.of(ErrorCode.UNAUTHORIZED, "The stream ticket is unknown, used or expired.")));

        assertThat(stream("?ticket=" + TICKET))
                .satisfies(problem(ProblemCode.INVALID_STREAM_TICKET, "The stream ticket is unknown, used or expired."))
                .hasHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    void somethingTooLongToBeATicketOrNoCredentialAtAllIs401WithoutAskingAuthService() {
        assertThat(stream("?ticket=" + "x".repeat(65))).satisfies(problem(ProblemCode.INVALID_STREAM_TICKET));
        assertThat(stream("")).satisfies(problem(ProblemCode.UNAUTHENTICATED)).hasHeader("WWW-Authenticate", "Bearer");
        verify(rpc, never()).callAndWait(eq(AuthRpc.REDEEM_STREAM_TICKET), any());
    }

    @Test
    void issuingATicketNeedsAValidAccessToken() {
        assertThat(mvc.post().uri("/api/notifications/stream-ticket")).satisfies(problem(HttpStatus.UNAUTHORIZED));
    }

    private MvcTestResult stream(String query) {
        return mvc.get()
                .uri("/api/notifications/stream" + query)
                .header("Accept", "text/event-stream")
                .exchange();
    }
}
