package social.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static social.gateway.ProblemJson.problem;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import social.contract.auth.AuthRpc;
import social.contract.user.GetUserRequest;
import social.contract.user.SearchUsersRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.contract.user.UserSummaryPage;
import social.gateway.GatewayWebMvcTest;
import social.gateway.TestTokens;
import social.support.rpc.RpcClient;

/** The {@code limit} of every list, and ids in paths: what reaches the services, and what is refused first. */
@GatewayWebMvcTest
class PagingAndPathIdsTest {
    private final String token = TestTokens.validFor(UUID.randomUUID());

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @BeforeEach
    void services() {
        TestTokens.serveVerificationKeys(rpc);
        given(rpc.callAndWait(eq(UserRpc.SEARCH), any())).willReturn(new UserSummaryPage(List.of(), null));
    }

    @Test
    void aPageHas20ItemsUnlessTheLimitSaysOtherwise() {
        assertThat(mvc.get().uri("/api/users/search?q=a")).hasStatusOk();
        assertThat(mvc.get().uri("/api/users/search?q=a&limit=7")).hasStatusOk();

        then(rpc).should().callAndWait(eq(UserRpc.SEARCH), eq(new SearchUsersRequest("a", 20, null)));
        then(rpc).should().callAndWait(eq(UserRpc.SEARCH), eq(new SearchUsersRequest("a", 7, null)));
    }

    @Test
    void aLimitOver100IsClampedTo100() {
        assertThat(mvc.get().uri("/api/users/search?q=a&limit=1000")).hasStatusOk();

        then(rpc).should().callAndWait(eq(UserRpc.SEARCH), eq(new SearchUsersRequest("a", 100, null)));
    }

    @Test
    void aLimitBelow1Is400AndAsksNoService() {
        assertThat(mvc.get().uri("/api/users/search?q=a&limit=0"))
                .satisfies(problem(HttpStatus.BAD_REQUEST, "limit must be at least 1"));
        assertThat(mvc.get().uri("/api/users/{id}/followers?limit=-5", UUID.randomUUID()))
                .satisfies(problem(HttpStatus.BAD_REQUEST, "limit must be at least 1"));
        verifyNoInteractions(rpc);
    }

    @ParameterizedTest
    @CsvSource({
        "GET,    /api/users/not-an-id,                  no such user",
        "GET,    /api/users/1-2-3-4-5/followers,        no such user",
        "GET,    /api/users/not-an-id/following,        no such user",
        "GET,    /api/users/not-an-id/posts,            no such user",
        "GET,    /api/users/not-an-id/relationship,     no such user",
        "POST,   /api/users/not-an-id/follow,           no such user",
        "GET,    /api/posts/not-an-id,                  no such post",
        "DELETE, /api/posts/not-an-id,                  no such post",
        "GET,    /api/posts/0190a5b0-0000-7000-8000-00000000000/replies, no such post",
        "PUT,    /api/posts/not-an-id/like,             no such post",
        "GET,    /api/posts/not-an-id/likes,            no such post",
        "POST,   /api/posts/not-an-id/repost,           no such post",
        "POST,   /api/notifications/not-an-id/read,     no such notification"
    })
    void aPathIdThatIsNotAUuidIs404AndAsksNoService(String method, String path, String detail) {
        assertThat(mvc.method(HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token))
                .satisfies(problem(HttpStatus.NOT_FOUND, detail));
        assertNoServiceWasAskedAboutTheRequest();
    }

    @Test
    void aUuidInCapitalsIsAnIdAsWell() {
        UUID userId = UUID.randomUUID();
        given(rpc.callAndWait(eq(UserRpc.GET), any())).willReturn(new User(userId, "ann", "Ann", "", null, 0, 0, 0));

        assertThat(mvc.get().uri("/api/users/" + userId.toString().toUpperCase()))
                .hasStatusOk();

        then(rpc).should().callAndWait(UserRpc.GET, new GetUserRequest(userId));
    }

    @Test
    void aReplyToIdThatIsNotAUuidIs404LikeAnUnknownPost() {
        assertThat(mvc.post()
                        .uri("/api/posts")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"content\":\"hi\",\"replyToId\":\"not-an-id\"}"))
                .satisfies(problem(HttpStatus.NOT_FOUND, "no such post to reply to"));
        assertNoServiceWasAskedAboutTheRequest();
    }

    /** The token check may have asked auth-service for its keys; nothing else was asked. */
    private void assertNoServiceWasAskedAboutTheRequest() {
        then(rpc).should(never()).call(any(), any());
        then(rpc)
                .should(never())
                .callAndWait(argThat(operation -> !AuthRpc.VERIFICATION_KEYS.equals(operation)), any());
    }
}
