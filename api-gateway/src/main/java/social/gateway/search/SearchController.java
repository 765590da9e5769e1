package social.gateway.search;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.post.PostRpc;
import social.contract.post.SearchPostsRequest;
import social.gateway.post.PostAssembler;
import social.gateway.post.PostView;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

/** Post search (post-service searches, on PostgreSQL's full-text engine). */
@RestController
@Tag(name = "search", description = "Full-text search of posts")
class SearchController {
    private final RpcClient rpc;
    private final PostAssembler assembler;

    SearchController(RpcClient rpc, PostAssembler assembler) {
        this.rpc = rpc;
        this.assembler = assembler;
    }

    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "q missing, blank, over 100 characters or with control characters")
    @GetMapping("/api/search/posts")
    @Operation(
            operationId = "searchPosts",
            summary = "Posts matching a search, newest first",
            description = "Words must all match, in any case, by their stems (\"rabbits\" finds \"rabbit\");"
                    + " \"quoted phrases\", or and -word work as in web search. #tag terms keep the posts with"
                    + " that tag, @username terms the posts mentioning that user. Posts and replies, never"
                    + " reposts. Optional bearer token: personalises likedByMe and repostedByMe.")
    Page<PostView> search(
            @Caller(required = false) AuthenticatedUser caller,
            @Parameter(
                            description = "the search: 1 to 100 characters on one line",
                            required = true,
                            schema = @Schema(minLength = 1, maxLength = 100))
                    @RequestParam(required = false)
                    String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        UUID callerId = caller == null ? null : caller.id();
        return assembler.page(
                rpc.callAndWait(PostRpc.SEARCH, new SearchPostsRequest(callerId, q, PageSize.of(limit), cursor)),
                callerId);
    }
}
