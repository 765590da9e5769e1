package social.gateway.account;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import social.contract.auth.AuthRpc;
import social.contract.auth.DeleteAccountRequest;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.security.LoggedOutLogins;
import social.support.rpc.RpcClient;

/** Leaving: the caller deletes their own account. */
@RestController
@Tag(name = "users", description = "Profiles")
class AccountController {
    private final RpcClient rpc;
    private final LoggedOutLogins denyList;

    AccountController(RpcClient rpc, LoggedOutLogins denyList) {
        this.rpc = rpc;
        this.denyList = denyList;
    }

    /** The password, asked again. */
    record PasswordConfirmation(String password) {}

    @ApiResponse(responseCode = "202", description = "Accepted")
    @DeleteMapping("/api/users/me")
    @Operation(
            summary = "Delete the caller's account",
            description = "The password is asked again (401 if wrong, 400 if missing). At once every refresh token "
                    + "of the account is dead, its access tokens are refused by every gateway within a second and "
                    + "logging in fails as for an unknown user; within seconds its profile, posts, reposts, likes, "
                    + "bookmarks, follows and notifications are gone everywhere and every count they touched is "
                    + "corrected; then its username and email are free again.",
            security = @SecurityRequirement(name = "bearer"))
    ResponseEntity<Void> delete(
            @Caller AuthenticatedUser caller, @RequestBody PasswordConfirmation body, HttpServletRequest request) {
        rpc.callAndWait(
                AuthRpc.DELETE_ACCOUNT,
                new DeleteAccountRequest(caller.id(), body.password(), request.getRemoteAddr()));
        // refused here at once; the other instances hear user.deleted
        denyList.deleted(caller.id(), Instant.now());
        return ResponseEntity.accepted().build();
    }
}
