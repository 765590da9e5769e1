package social.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static social.gateway.ProblemJson.problem;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.auth.AuthRpc;
import social.contract.auth.LoginEnded;
import social.contract.auth.StreamTicketHolder;
import social.gateway.GatewayWebMvcTest;
import social.gateway.TestTokens;
import social.gateway.web.ProblemCode;
import social.support.rpc.RpcClient;

/**
 * Issue 26, item 4: a stream ticket issued before its login ended (a logout; a password change
 * ends the account's other logins the same way) or before its account was deleted opened the
 * stream afterwards, because the ticket path did not ask the deny list that every access token
 * passes. Now it does.
 */
@GatewayWebMvcTest
class StreamTicketsDieWithTheirLoginTest {
    private static final String TICKET = "k3lV0b3Fz9m2PqWcXy7RtA5nHd8JgLs1Ue4Io6Ba0Cz";

    private final UUID userId = UUID.randomUUID();
    private final UUID loginId = UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    LoggedOutLogins loggedOut;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void aTicketIssuedToTheLogin() {
        TestTokens.serveVerificationKeys(rpc);
        given(rpc.callAndWait(eq(AuthRpc.REDEEM_STREAM_TICKET), any()))
                .willReturn(new StreamTicketHolder(
                        userId, "holder", loginId, Instant.now().plusSeconds(600)));
    }

    @Test
    void aTicketOfALoginThatEndedAfterwardsNoLongerOpensTheStream() {
        loggedOut.ended(new LoginEnded(UUID.randomUUID(), Instant.now(), 1, userId, loginId, Instant.now()));

        assertThat(stream())
                .satisfies(problem(ProblemCode.INVALID_STREAM_TICKET, "The stream ticket is unknown, used or expired."))
                .hasHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    void aTicketOfAnAccountDeletedAfterwardsNoLongerOpensTheStream() {
        loggedOut.deleted(userId, Instant.now());

        assertThat(stream()).satisfies(problem(ProblemCode.INVALID_STREAM_TICKET));
    }

    @Test
    void aTicketOfAnotherLoginOfTheSameAccountStillOpensTheStream() {
        loggedOut.ended(new LoginEnded(UUID.randomUUID(), Instant.now(), 1, userId, UUID.randomUUID(), Instant.now()));

        MvcTestResult opened = stream();

        assertThat(opened.getResponse().getStatus()).isEqualTo(200);
    }

    /** Asynchronously: a stream the ticket opens is answered 200 at once and held open, not awaited. */
    private MvcTestResult stream() {
        return mvc.get()
                .uri("/api/notifications/stream?ticket=" + TICKET)
                .header("Accept", "text/event-stream")
                .asyncExchange();
    }
}
