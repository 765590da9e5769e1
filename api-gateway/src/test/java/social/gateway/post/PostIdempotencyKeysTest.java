package social.gateway.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.times;

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

import social.contract.post.CreatePostRequest;
import social.contract.post.Post;
import social.contract.post.PostResult;
import social.contract.post.PostRpc;
import social.gateway.GatewayWebMvcTest;
import social.gateway.ServiceAnswers;
import social.gateway.TestTokens;
import social.support.rpc.RpcClient;

/**
 * Every post request the gateway sends carries an idempotency key: the client's, or one of its
 * own, so that the broker redelivering the request (its service died after committing, before
 * acknowledging) answers the first post instead of creating a second.
 */
@GatewayWebMvcTest
class PostIdempotencyKeysTest {
    private final UUID userId = UUID.randomUUID();
    private final String token = TestTokens.validFor(userId);
    private final Post post = ServiceAnswers.aPost();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void services() {
        TestTokens.serveVerificationKeys(rpc);
        ServiceAnswers.postExists(rpc, post);
        given(rpc.callAndWait(eq(PostRpc.CREATE), any())).willReturn(new PostResult(post, true));
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsSentWithAFreshOneOfItsOwn() {
        assertThat(create(null)).hasStatus(201);
        assertThat(create(null)).hasStatus(201);

        List<CreatePostRequest> sent = sentRequests(2);
        assertThat(sent)
                .allSatisfy(request -> assertThat(request.idempotencyKey()).isNotBlank());
        assertThat(sent.get(0).idempotencyKey()).isNotEqualTo(sent.get(1).idempotencyKey());
    }

    @Test
    void aBlankIdempotencyKeyCountsAsNoneAndGetsOneOfTheGateways() {
        assertThat(create(" ")).hasStatus(201);

        assertThat(sentRequests(1).get(0).idempotencyKey()).isNotBlank();
    }

    @Test
    void aClientsIdempotencyKeyIsSentAsItCame() {
        assertThat(create("k1")).hasStatus(201);

        assertThat(sentRequests(1).get(0).idempotencyKey()).isEqualTo("k1");
    }

    private MvcTestResult create(String idempotencyKey) {
        var request = mvc.post()
                .uri("/api/posts")
                .header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"content\": \"hello\"}");
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.exchange();
    }

    private List<CreatePostRequest> sentRequests(int count) {
        ArgumentCaptor<CreatePostRequest> sent = ArgumentCaptor.forClass(CreatePostRequest.class);
        then(rpc).should(times(count)).callAndWait(eq(PostRpc.CREATE), sent.capture());
        return sent.getAllValues();
    }
}
