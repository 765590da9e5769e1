package social.gateway.post;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.post.GetHomeTimelineRequest;
import social.contract.post.GetUserPostsRequest;
import social.contract.post.PostPage;
import social.contract.post.PostRpc;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.user.UserDirectory;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

/** Lists of posts: the home timeline and a user's posts. */
@RestController
@Tag(name = "timelines", description = "The home timeline and a user's posts")
class TimelineController {
    private final RpcClient rpc;
    private final PostAssembler assembler;
    private final UserDirectory users;

    TimelineController(RpcClient rpc, PostAssembler assembler, UserDirectory users) {
        this.rpc = rpc;
        this.assembler = assembler;
        this.users = users;
    }

    @GetMapping("/api/timeline")
    @Operation(
            operationId = "getHomeTimeline",
            summary = "The caller's home timeline, newest first",
            description = "The caller's own posts and reposts plus those of everyone the caller follows now.")
    Page<PostView> home(
            @Caller AuthenticatedUser caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return assembler.page(
                rpc.callAndWait(
                        PostRpc.GET_HOME_TIMELINE, new GetHomeTimelineRequest(caller.id(), PageSize.of(limit), cursor)),
                caller.id());
    }

    @GetMapping("/api/users/{id}/posts")
    @Operation(
            operationId = "getUserPosts",
            summary = "A user's posts, newest first, reposts included",
            description =
                    "Optional bearer token: personalises likedByMe, repostedByMe and bookmarkedByMe. 404 for an unknown user.")
    Page<PostView> byUser(
            @Caller(required = false) AuthenticatedUser caller,
            @PathVariable("id") UUID userId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        UUID callerId = PostController.callerId(caller);
        // the user's existence (404; usually known to the directory already) is checked alongside
        PostPage page = users.aboutExisting(
                userId,
                rpc.call(
                        PostRpc.GET_USER_POSTS, new GetUserPostsRequest(callerId, userId, PageSize.of(limit), cursor)));
        return assembler.page(page, callerId);
    }
}
