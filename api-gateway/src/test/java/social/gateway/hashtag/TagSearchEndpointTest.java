package social.gateway.hashtag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static social.gateway.ProblemJson.problem;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.contract.post.MatchingTags;
import social.contract.post.PostRpc;
import social.contract.post.SearchTagsRequest;
import social.contract.post.TagCount;
import social.gateway.GatewayWebMvcTest;
import social.gateway.web.ProblemCode;
import social.support.rpc.RpcClient;

/** GET /api/hashtags/search: post-service's tags for the prefix, as a list of TagCount. */
@GatewayWebMvcTest
class TagSearchEndpointTest {
    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @Test
    void theTagsPostServiceFindsForThePrefixAndLimit() {
        given(rpc.callAndWait(eq(PostRpc.SEARCH_TAGS), eq(new SearchTagsRequest("Ru", 5))))
                .willReturn(new MatchingTags(List.of(new TagCount("rust", 12, 7), new TagCount("ruby", 3, 3))));

        MvcTestResult answer =
                mvc.get().uri("/api/hashtags/search?q=Ru&limit=5").exchange();

        assertThat(answer).hasStatusOk();
        assertThat(answer).bodyJson().extractingPath("$[*].tag").isEqualTo(List.of("rust", "ruby"));
        assertThat(answer).bodyJson().extractingPath("$[0].posts").isEqualTo(12);
        assertThat(answer).bodyJson().extractingPath("$[0].authors").isEqualTo(7);
    }

    @Test
    void withoutQTheRequestIsMalformedAndPostServiceIsNotAsked() {
        assertThat(mvc.get().uri("/api/hashtags/search")).satisfies(problem(ProblemCode.MALFORMED_REQUEST));
        verifyNoInteractions(rpc);
    }
}
