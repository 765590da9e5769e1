package social.gateway.post;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.EditPostRequest;
import social.contract.post.GetPostContextRequest;
import social.contract.post.GetPostHistoryRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.GetQuotesRequest;
import social.contract.post.GetRepliesRequest;
import social.contract.post.PostHistory;
import social.contract.post.PostResult;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.UndoRepostRequest;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.web.ApiException;
import social.gateway.web.CanonicalIds;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

@RestController
@RequestMapping("/api/posts")
@Tag(name = "posts", description = "Posts, replies and reposts")
class PostController {
    private final RpcClient rpc;
    private final PostAssembler assembler;

    PostController(RpcClient rpc, PostAssembler assembler) {
        this.rpc = rpc;
        this.assembler = assembler;
    }

    record NewPost(
            @Schema(
                    requiredMode = REQUIRED,
                    description = "1-280 Unicode code points after trimming; may hold line feeds",
                    minLength = 1,
                    maxLength = 280)
            String content,

            @Schema(description = "the post it answers (a repost's original)", format = "uuid", nullable = true)
            String replyToId,

            @Schema(
                    description = "the post it quotes (a repost's original); not together with replyToId",
                    format = "uuid",
                    nullable = true)
            String quoteOfId) {}

    /** Only the content can change; anything else in the body is ignored. */
    record EditedPost(
            @Schema(requiredMode = REQUIRED, description = "the rules of a new post", minLength = 1, maxLength = 280)
            String content) {}

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "403",
            description = "The caller and the author of the post replied to or quoted block one another: BLOCKED")
    @PostMapping
    @Operation(
            operationId = "createPost",
            summary = "Publish a post or a reply",
            description =
                    "Content: 1-280 Unicode code points after trimming. A repeat with the same Idempotency-Key returns the first post, no duplicate. 404 for an unknown replyToId or quoteOfId. quoteOfId quotes a post (a repost's original), not together with replyToId (400).")
    ResponseEntity<PostView> create(
            @Caller AuthenticatedUser caller,
            @RequestBody NewPost body,
            @Parameter(
                            description = "a repeat with the same key answers the first post, no duplicate",
                            schema = @Schema(maxLength = 200))
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    String idempotencyKey) {
        // an id that cannot exist is not found, as in paths
        UUID replyToId = body.replyToId() == null
                ? null
                : CanonicalIds.parse(body.replyToId())
                        .orElseThrow(() -> ApiException.notFound("no such post to reply to"));
        UUID quoteOfId = body.quoteOfId() == null
                ? null
                : CanonicalIds.parse(body.quoteOfId())
                        .orElseThrow(() -> ApiException.notFound("no such post to quote"));
        PostResult result = rpc.callAndWait(
                PostRpc.CREATE,
                new CreatePostRequest(caller.id(), body.content(), replyToId, keyOrFresh(idempotencyKey), quoteOfId));
        // a repeated Idempotency-Key answers the first post, which may have been liked since; so may
        // a quoted post have been
        PostView post = result.created() && result.post().quoteOf() == null
                ? assembler.created(result.post())
                : assembler.one(result.post(), caller.id());
        return ResponseEntity.created(URI.create("/api/posts/" + post.id())).body(post);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getPost",
            summary = "A post",
            description = "Optional bearer token: personalises likedByMe, repostedByMe and bookmarkedByMe.")
    PostView get(@Caller(required = false) AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        UUID callerId = callerId(caller);
        return assembler.one(
                rpc.callAndWait(PostRpc.GET, new GetPostRequest(callerId, postId))
                        .post(),
                callerId);
    }

    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "Invalid content, or a repost (which has none)")
    @ApiResponse(responseCode = "403", description = "Not the author: FORBIDDEN")
    @ApiResponse(
            responseCode = "409",
            description = "More than 60 minutes after the post's creation: EDIT_WINDOW_CLOSED; already edited 10"
                    + " times: EDIT_LIMIT_REACHED")
    @PatchMapping("/{id}")
    @Operation(
            operationId = "editPost",
            summary = "Edit one of the caller's posts",
            description = "Body {content}: the rules of a new post. The post answers with editedAt set; its tags,"
                    + " mentions, search entry and the quotes showing it follow; users it mentions for the first"
                    + " time are notified. The same content again changes nothing. A post can be edited within 60"
                    + " minutes of its creation, at most 10 times.")
    PostView edit(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId, @RequestBody EditedPost body) {
        return assembler.one(
                rpc.callAndWait(PostRpc.EDIT, new EditPostRequest(caller.id(), postId, body.content()))
                        .post(),
                caller.id());
    }

    @GetMapping("/{id}/history")
    @Operation(
            operationId = "getPostHistory",
            summary = "The versions of a post's content, a page at a time",
            description = "Oldest first, the current version last; a post never edited has one, and a post has at"
                    + " most 11 (it can be edited 10 times). 404 for an unknown post.")
    Page<PostVersion> history(
            @PathVariable("id") UUID postId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        PostHistory page =
                rpc.callAndWait(PostRpc.GET_HISTORY, new GetPostHistoryRequest(postId, PageSize.of(limit), cursor));
        return new Page<>(
                page.versions().stream()
                        .map(version -> new PostVersion(version.content(), version.createdAt()))
                        .toList(),
                page.nextCursor());
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @ApiResponse(responseCode = "403", description = "Not the author: FORBIDDEN")
    @DeleteMapping("/{id}")
    @Operation(
            operationId = "deletePost",
            summary = "Delete one of the caller's posts",
            description = "403 for someone else's post. Its reposts go with it; replies stay.")
    ResponseEntity<Void> delete(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        rpc.callAndWait(PostRpc.DELETE, new DeletePostRequest(caller.id(), postId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/replies")
    @Operation(operationId = "getReplies", summary = "The replies to a post, oldest first")
    Page<PostView> replies(
            @Caller(required = false) AuthenticatedUser caller,
            @PathVariable("id") UUID postId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        UUID callerId = callerId(caller);
        return assembler.page(
                rpc.callAndWait(
                        PostRpc.GET_REPLIES, new GetRepliesRequest(callerId, postId, PageSize.of(limit), cursor)),
                callerId);
    }

    @GetMapping("/{id}/context")
    @Operation(
            operationId = "getPostContext",
            summary = "The thread around a post",
            description = "ancestors: from the thread's root down to the direct parent (at most 40: the root and the 39"
                    + " nearest); descendants: the replies below, depth first, each level oldest first (at most 200)."
                    + " Deleted posts and those of authors blocked either way are left out. A repost stands for its"
                    + " original. Optional bearer token: personalises likedByMe, repostedByMe and bookmarkedByMe and"
                    + " applies the caller's blocks. 404 for an unknown post.")
    PostContextView context(@Caller(required = false) AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        UUID callerId = callerId(caller);
        return assembler.context(
                rpc.callAndWait(PostRpc.GET_CONTEXT, new GetPostContextRequest(callerId, postId)), callerId);
    }

    @GetMapping("/{id}/quotes")
    @Operation(
            operationId = "getQuotes",
            summary = "The posts quoting a post, newest first",
            description = "404 for an unknown post.")
    Page<PostView> quotes(
            @Caller(required = false) AuthenticatedUser caller,
            @PathVariable("id") UUID postId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        UUID callerId = callerId(caller);
        return assembler.page(
                rpc.callAndWait(PostRpc.GET_QUOTES, new GetQuotesRequest(callerId, postId, PageSize.of(limit), cursor)),
                callerId);
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "The caller and the post's author block one another: BLOCKED")
    @PostMapping("/{id}/repost")
    @Operation(
            operationId = "repostPost",
            summary = "Repost a post",
            description =
                    "201 with the repost; a repeat returns the existing repost with 200. Reposting a repost reposts its original.")
    ResponseEntity<PostView> repost(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        PostResult result = rpc.callAndWait(PostRpc.REPOST, new RepostRequest(caller.id(), postId));
        PostView repost = assembler.one(result.post(), caller.id());
        return result.created()
                ? ResponseEntity.created(URI.create("/api/posts/" + repost.id()))
                        .body(repost)
                : ResponseEntity.status(HttpStatus.OK).body(repost);
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @DeleteMapping("/{id}/repost")
    @Operation(
            operationId = "undoRepost",
            summary = "Undo the caller's repost of a post",
            description = "Idempotent; 404 only for a post that does not exist.")
    ResponseEntity<Void> undoRepost(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        rpc.callAndWait(PostRpc.UNDO_REPOST, new UndoRepostRequest(caller.id(), postId));
        return ResponseEntity.noContent().build();
    }

    /**
     * The client's key, or one of the gateway's own when it sent none: the request message always
     * carries a key, so that the broker redelivering it (post-service died after its commit, before
     * its acknowledgement) answers the post already made instead of making a second one. A random
     * UUID, which no key of the client's will meet by chance.
     */
    private static String keyOrFresh(String idempotencyKey) {
        return idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : idempotencyKey;
    }

    static UUID callerId(AuthenticatedUser caller) {
        return caller == null ? null : caller.id();
    }
}
