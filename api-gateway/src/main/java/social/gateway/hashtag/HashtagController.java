package social.gateway.hashtag;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.post.GetTagPostsRequest;
import social.contract.post.GetTrendingTagsRequest;
import social.contract.post.PostRpc;
import social.contract.post.SearchTagsRequest;
import social.contract.post.TagCount;
import social.gateway.post.PostAssembler;
import social.gateway.post.PostView;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

/** Tag pages, trending tags and tag autocomplete (post-service owns the tags). */
@RestController
@RequestMapping("/api/hashtags")
@Tag(name = "hashtags", description = "Tag pages and trending tags")
class HashtagController {
    private final RpcClient rpc;
    private final PostAssembler assembler;

    HashtagController(RpcClient rpc, PostAssembler assembler) {
        this.rpc = rpc;
        this.assembler = assembler;
    }

    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Not a tag")
    @GetMapping("/{tag}/posts")
    @Operation(
            operationId = "getTagPosts",
            summary = "The posts with a hashtag, newest first",
            description = "tag: any case, without '#': 1-50 letters (any script), digits or underscores, not all"
                    + " digits (else 400). Posts and replies, never reposts. Optional bearer token: personalises"
                    + " likedByMe and repostedByMe.")
    Page<PostView> tagPosts(
            @Caller(required = false) AuthenticatedUser caller,
            @Parameter(
                            description = "any case, without '#': 1-50 letters (any script), digits or underscores, not"
                                    + " all digits",
                            schema = @Schema(minLength = 1, maxLength = 50))
                    @PathVariable("tag")
                    String tag,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        UUID callerId = caller == null ? null : caller.id();
        return assembler.page(
                rpc.callAndWait(
                        PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(callerId, tag, PageSize.of(limit), cursor)),
                callerId);
    }

    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "400",
            description = "q is not 1-50 letters, digits or underscores, or limit out of range")
    @GetMapping("/search")
    @Operation(
            operationId = "searchTags",
            summary = "Tags starting with a prefix (autocomplete)",
            description = "The tags used in the last 7 days that start with q (any case), with their posts and"
                    + " distinct authors of those 7 days, most posts first, then most authors, then by tag.")
    List<TagCount> searchTags(
            @Parameter(
                            description = "the tags' start: 1-50 letters (any script), digits or underscores, without"
                                    + " '#'",
                            schema = @Schema(minLength = 1, maxLength = 50))
                    @RequestParam
                    String q,
            @Parameter(
                            description = "how many: 1 to 20",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "20",
                                            defaultValue = "10"))
                    @RequestParam(required = false)
                    Integer limit) {
        return rpc.callAndWait(PostRpc.SEARCH_TAGS, new SearchTagsRequest(q, limit))
                .tags();
    }

    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Unknown window or limit out of range")
    @GetMapping("/trending")
    @Operation(
            operationId = "getTrendingTags",
            summary = "The trending tags of a window",
            description = "Per tag, the posts and distinct authors of the window (counted by whole hours: the hour"
                    + " the window starts in is included), most distinct authors first, then most posts.")
    List<TagCount> trending(
            @Parameter(
                            description = "the window, counted by whole hours",
                            schema =
                                    @Schema(
                                            allowableValues = {"1h", "24h", "7d"},
                                            defaultValue = "24h"))
                    @RequestParam(required = false)
                    String window,
            @Parameter(
                            description = "how many: 1 to 20",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "20",
                                            defaultValue = "10"))
                    @RequestParam(required = false)
                    Integer limit) {
        return rpc.callAndWait(PostRpc.GET_TRENDING_TAGS, new GetTrendingTagsRequest(window, limit))
                .tags();
    }
}
