package social.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.ProblemJson.problem;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.gateway.GatewayWebMvcTest;
import social.gateway.TestTokens;
import social.support.rpc.RpcClient;

/** The notification stream opened with a single-use ticket instead of a token in the URL. */
@GatewayWebMvcTest
class StreamTicketEndpointTest {
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
    void aTicketOpensTheStreamOnceAndIsRefusedWhenUsedAgain() throws Exception {
        String ticket = issue();

        MvcTestResult opened = mvc.get()
                .uri("/api/notifications/stream?ticket=" + ticket)
                .header("Accept", "text/event-stream")
                .asyncExchange();
        assertThat(opened.getResponse().getStatus()).isEqualTo(200);
        assertThat(opened.getMvcResult().getRequest().isAsyncStarted()).isTrue();

        assertThat(stream("?ticket=" + ticket))
                .satisfies(problem(HttpStatus.UNAUTHORIZED, "The stream ticket is unknown, used or expired."))
                .hasHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    void anUnknownTicketOrNoCredentialAtAllIs401() {
        assertThat(stream("?ticket=made-up")).satisfies(problem(HttpStatus.UNAUTHORIZED));
        assertThat(stream("")).satisfies(problem(HttpStatus.UNAUTHORIZED)).hasHeader("WWW-Authenticate", "Bearer");
    }

    @Test
    void issuingATicketNeedsAValidAccessToken() {
        assertThat(mvc.post().uri("/api/notifications/stream-ticket")).satisfies(problem(HttpStatus.UNAUTHORIZED));
    }

    private String issue() throws Exception {
        MvcTestResult issued = mvc.post()
                .uri("/api/notifications/stream-ticket")
                .header("Authorization", "Bearer " + TestTokens.validFor(userId))
                .exchange();
        assertThat(issued)
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.expiresIn")
                .isEqualTo(30);
        return com.jayway.jsonpath.JsonPath.read(issued.getResponse().getContentAsString(), "$.ticket");
    }

    private MvcTestResult stream(String query) {
        return mvc.get()
                .uri("/api/notifications/stream" + query)
                .header("Accept", "text/event-stream")
                .exchange();
    }
}
