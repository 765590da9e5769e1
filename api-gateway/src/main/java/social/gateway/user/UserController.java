package social.gateway.user;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import social.contract.user.FindUserByUsernameRequest;
import social.contract.user.GetUserRequest;
import social.contract.user.SearchUsersRequest;
import social.contract.user.UpdateProfileRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.contract.user.UserSummary;
import social.contract.user.UserSummaryPage;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.web.Page;
import social.gateway.web.PageSize;
import social.support.rpc.RpcClient;

@RestController
@RequestMapping("/api/users")
@Tag(name = "users", description = "Profiles")
class UserController {
    private final RpcClient rpc;
    private final UserDirectory users;

    UserController(RpcClient rpc, UserDirectory users) {
        this.rpc = rpc;
        this.users = users;
    }

    /** Only these two fields can change; anything else in the body is ignored. */
    record ProfileChanges(
            @Schema(description = "unchanged when absent", minLength = 1, maxLength = 50)
            String displayName,

            @Schema(description = "unchanged when absent; may hold line feeds", maxLength = 160)
            String bio) {}

    @GetMapping("/me")
    @Operation(operationId = "getMyProfile", summary = "The caller's profile")
    User me(@Caller AuthenticatedUser caller) {
        return rpc.callAndWait(UserRpc.GET, new GetUserRequest(caller.id()));
    }

    @PatchMapping("/me")
    @Operation(operationId = "updateMyProfile", summary = "Change the caller's display name or bio")
    User updateMe(@Caller AuthenticatedUser caller, @RequestBody ProfileChanges changes) {
        User updated = rpc.callAndWait(
                UserRpc.UPDATE_PROFILE, new UpdateProfileRequest(caller.id(), changes.displayName(), changes.bio()));
        // the caller sees their new name at once here; other instances hear it from user.profile-updated
        users.forget(caller.id());
        return updated;
    }

    @GetMapping("/lookup")
    @Operation(operationId = "getUserByUsername", summary = "A user by username, in any case")
    User lookup(@RequestParam String username) {
        return rpc.callAndWait(UserRpc.FIND_BY_USERNAME, new FindUserByUsernameRequest(username));
    }

    @GetMapping("/search")
    @Operation(operationId = "searchUsers", summary = "Users whose username or display name starts with q")
    Page<UserSummary> search(
            @RequestParam String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        UserSummaryPage page = rpc.callAndWait(UserRpc.SEARCH, new SearchUsersRequest(q, PageSize.of(limit), cursor));
        return new Page<>(page.items(), page.nextCursor());
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getUser", summary = "A user by id")
    User byId(@PathVariable("id") UUID userId) {
        return rpc.callAndWait(UserRpc.GET, new GetUserRequest(userId));
    }
}
