package social.gateway.like;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.like.GetLikersRequest;
import social.contract.like.LikePostRequest;
import social.contract.like.LikeRpc;
import social.contract.like.LikerPage;
import social.contract.like.UnlikePostRequest;
import social.contract.user.UserSummary;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.user.UserDirectory;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

@RestController
@RequestMapping("/api/posts/{id}")
@Tag(name = "likes", description = "Likes of posts")
class LikeController {
    private final RpcClient rpc;
    private final UserDirectory users;

    LikeController(RpcClient rpc, UserDirectory users) {
        this.rpc = rpc;
        this.users = users;
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @ApiResponse(responseCode = "403", description = "The caller and the post's author block one another: BLOCKED")
    @PutMapping("/like")
    @Operation(
            operationId = "likePost",
            summary = "Like a post",
            description = "Idempotent: liking twice counts once. Liking a repost likes its original.")
    ResponseEntity<Void> like(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        rpc.callAndWait(LikeRpc.LIKE, new LikePostRequest(caller.id(), postId));
        return ResponseEntity.noContent().build();
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @DeleteMapping("/like")
    @Operation(operationId = "unlikePost", summary = "Take a like back", description = "Idempotent.")
    ResponseEntity<Void> unlike(@Caller AuthenticatedUser caller, @PathVariable("id") UUID postId) {
        rpc.callAndWait(LikeRpc.UNLIKE, new UnlikePostRequest(caller.id(), postId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/likes")
    @Operation(
            operationId = "getLikers",
            summary = "Who liked a post, newest like first",
            description = "404 for an unknown or deleted post.")
    Page<UserSummary> likers(
            @PathVariable("id") UUID postId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        LikerPage page = rpc.callAndWait(LikeRpc.GET_LIKERS, new GetLikersRequest(postId, PageSize.of(limit), cursor));
        return users.page(page.userIds(), page.nextCursor());
    }
}
