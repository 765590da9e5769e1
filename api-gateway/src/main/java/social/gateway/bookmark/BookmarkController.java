package social.gateway.bookmark;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.like.BookmarkPage;
import social.contract.like.BookmarkPostRequest;
import social.contract.like.GetBookmarksRequest;
import social.contract.like.LikeRpc;
import social.contract.like.UnbookmarkPostRequest;
import social.contract.post.GetPostsRequest;
import social.contract.post.Post;
import social.contract.post.PostPage;
import social.contract.post.PostRpc;
import social.gateway.post.PostAssembler;
import social.gateway.post.PostView;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

/** The caller's bookmarks: kept by like-service, private to the caller. */
@RestController
@Tag(name = "bookmarks", description = "Private bookmarks of posts")
class BookmarkController {
    private final RpcClient rpc;
    private final PostAssembler assembler;

    BookmarkController(RpcClient rpc, PostAssembler assembler) {
        this.rpc = rpc;
        this.assembler = assembler;
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @ApiResponse(responseCode = "403", description = "The caller and the post's author block one another: BLOCKED")
    @PutMapping("/api/posts/{id}/bookmark")
    @Operation(
            operationId = "bookmarkPost",
            summary = "Bookmark a post",
            description = "Idempotent; nobody else learns of it. Bookmarking a repost bookmarks its original."
                    + " 404 for an unknown or deleted post.")
    ResponseEntity<Void> bookmark(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        rpc.callAndWait(LikeRpc.BOOKMARK, new BookmarkPostRequest(caller.id(), postId));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @DeleteMapping("/api/posts/{id}/bookmark")
    @Operation(
            operationId = "unbookmarkPost",
            summary = "Remove a bookmark",
            description = "Idempotent. 404 for an unknown or deleted post.")
    ResponseEntity<Void> unbookmark(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        rpc.callAndWait(LikeRpc.UNBOOKMARK, new UnbookmarkPostRequest(caller.id(), postId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/bookmarks")
    @Operation(
            operationId = "getBookmarks",
            summary = "The caller's bookmarked posts, newest bookmark first",
            description = "Only the caller's own; a deleted post leaves the list.")
    Page<PostView> bookmarks(
            @Caller AuthenticatedUser caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        BookmarkPage bookmarks = rpc.callAndWait(
                LikeRpc.GET_BOOKMARKS, new GetBookmarksRequest(caller.id(), PageSize.of(limit), cursor));
        if (bookmarks.postIds().isEmpty()) {
            return new Page<>(List.of(), bookmarks.nextCursor());
        }
        // the page's posts in one question, in bookmark order; one deleted a moment ago is left out
        List<Post> posts = rpc.callAndWait(PostRpc.GET_MANY, new GetPostsRequest(caller.id(), bookmarks.postIds()))
                .items();
        return assembler.page(new PostPage(posts, bookmarks.nextCursor()), caller.id());
    }
}
