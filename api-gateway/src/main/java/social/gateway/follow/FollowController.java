package social.gateway.follow;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.follow.FollowPage;
import social.contract.follow.FollowRpc;
import social.contract.follow.FollowUserRequest;
import social.contract.follow.GetFollowersRequest;
import social.contract.follow.GetFollowingRequest;
import social.contract.follow.GetRelationshipRequest;
import social.contract.follow.SetFollowNotifyRequest;
import social.contract.follow.UnfollowUserRequest;
import social.contract.user.UserSummary;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.user.UserDirectory;
import social.gateway.web.ApiException;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

/** Following users, and the follower and following lists. Unknown users are 404: user-service is asked first. */
@RestController
@RequestMapping("/api/users/{id}")
@Tag(name = "follows", description = "Who follows whom")
class FollowController {
    private final RpcClient rpc;
    private final UserDirectory users;

    FollowController(RpcClient rpc, UserDirectory users) {
        this.rpc = rpc;
        this.users = users;
    }

    /** @param notifyEnabled the body's {@code notify}; absent means false for a new follow */
    record FollowOptions(
            @Schema(description = "NEW_POST notifications about the user's posts (default false)")
            @JsonProperty("notify")
            Boolean notifyEnabled) {}

    record NotifySetting(@Schema(requiredMode = REQUIRED) Boolean enabled) {}

    @GetMapping("/relationship")
    @Operation(operationId = "getRelationship", summary = "How the caller and this user stand")
    RelationshipView relationship(@Caller AuthenticatedUser caller, @PathVariable("id") UUID userId) {
        return RelationshipView.of(users.aboutExisting(
                userId, rpc.call(FollowRpc.GET_RELATIONSHIP, new GetRelationshipRequest(caller.id(), userId))));
    }

    @ApiResponse(responseCode = "200", description = "OK", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = "The caller and the user block one another: BLOCKED")
    @ApiResponse(
            responseCode = "409",
            description = "The caller follows the most accounts allowed already: FOLLOW_LIMIT_REACHED")
    @PostMapping("/follow")
    @Operation(
            operationId = "followUser",
            summary = "Follow a user",
            description =
                    "Idempotent. Body {notify} (default false) asks for NEW_POST notifications. 400 for following yourself.")
    RelationshipView follow(
            @Caller AuthenticatedUser caller,
            @PathVariable("id") UUID userId,
            @RequestBody(required = false) FollowOptions options) {
        Boolean notify = options == null ? null : options.notifyEnabled();
        users.requireExisting(userId);
        return RelationshipView.of(
                rpc.callAndWait(FollowRpc.FOLLOW, new FollowUserRequest(caller.id(), userId, notify)));
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @DeleteMapping("/follow")
    @Operation(operationId = "unfollowUser", summary = "Stop following a user", description = "Idempotent.")
    ResponseEntity<Void> unfollow(@Caller AuthenticatedUser caller, @PathVariable("id") UUID userId) {
        users.requireExisting(userId);
        rpc.callAndWait(FollowRpc.UNFOLLOW, new UnfollowUserRequest(caller.id(), userId));
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/follow/notify")
    @Operation(
            operationId = "setFollowNotify",
            summary = "Switch NEW_POST notifications about a followed user",
            description = "404 unless the caller follows the user.")
    RelationshipView setNotify(
            @Caller AuthenticatedUser caller, @PathVariable("id") UUID userId, @RequestBody NotifySetting setting) {
        if (setting.enabled() == null) {
            throw ApiException.badRequest("enabled is required");
        }
        return RelationshipView.of(rpc.callAndWait(
                FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(caller.id(), userId, setting.enabled())));
    }

    @GetMapping("/followers")
    @Operation(operationId = "getFollowers", summary = "Who follows this user, newest follow first")
    Page<UserSummary> followers(
            @PathVariable("id") UUID userId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        FollowPage page = users.aboutExisting(
                userId, rpc.call(FollowRpc.GET_FOLLOWERS, new GetFollowersRequest(userId, PageSize.of(limit), cursor)));
        return users.page(page.userIds(), page.nextCursor());
    }

    @GetMapping("/following")
    @Operation(operationId = "getFollowing", summary = "Whom this user follows, newest follow first")
    Page<UserSummary> following(
            @PathVariable("id") UUID userId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        FollowPage page = users.aboutExisting(
                userId, rpc.call(FollowRpc.GET_FOLLOWING, new GetFollowingRequest(userId, PageSize.of(limit), cursor)));
        return users.page(page.userIds(), page.nextCursor());
    }
}
