package social.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.times;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import social.contract.auth.AuthRpc;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.gateway.GatewayWebMvcTest;
import social.gateway.TestTokens;
import social.support.rpc.RpcClient;

/**
 * Each registration request carries a random key of its own, so that the broker delivering it
 * again after auth-service committed answers the account it made rather than 409.
 */
@GatewayWebMvcTest
class RegistrationKeysTest {
    private final UUID userId = UUID.randomUUID();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void services() {
        TestTokens.serveVerificationKeys(rpc);
        given(rpc.callAndWait(eq(AuthRpc.REGISTER), any())).willReturn(new RegisteredCredentials(userId, "ann", "Ann"));
        given(rpc.callAndWait(eq(UserRpc.CREATE_PROFILE), any()))
                .willReturn(new User(userId, "ann", "Ann", "", Instant.now(), 0, 0, 0));
    }

    @Test
    void everyRegistrationIsSentWithAFreshKeyOfItsOwn() {
        assertThat(register()).hasStatus(201);
        assertThat(register()).hasStatus(201);

        ArgumentCaptor<RegisterCredentialsRequest> sent = ArgumentCaptor.forClass(RegisterCredentialsRequest.class);
        then(rpc).should(times(2)).callAndWait(eq(AuthRpc.REGISTER), sent.capture());
        List<String> keys = sent.getAllValues().stream()
                .map(RegisterCredentialsRequest::requestKey)
                .toList();
        assertThat(keys).doesNotContainNull().doesNotHaveDuplicates();
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult register() {
        return mvc.post()
                .uri("/api/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\": \"ann\", \"email\": \"ann@example.com\", \"password\": \"a good password\"}")
                .exchange();
    }
}
