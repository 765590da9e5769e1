package social.gateway.account;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import social.contract.auth.AuthRpc;
import social.contract.auth.ChangePasswordRequest;
import social.contract.auth.DeleteAccountRequest;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.gateway.security.LoggedOutLogins;
import social.support.rpc.RpcClient;

/** The caller's account: changing its password, deleting it (leaving). */
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
    record PasswordConfirmation(
            @Schema(requiredMode = REQUIRED, format = "password", maxLength = 256)
            String password) {}

    /** The password now, asked again, and the one from now on. */
    record PasswordChange(
            @Schema(requiredMode = REQUIRED, format = "password", maxLength = 256)
            String currentPassword,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "the rules of registration, and not the current password",
                    format = "password",
                    minLength = 8,
                    maxLength = 128)
            String newPassword) {}

    @ApiResponse(responseCode = "202", description = "Accepted")
    @ApiResponse(
            responseCode = "401",
            description = "Wrong password: INVALID_CREDENTIALS (or no valid access token: UNAUTHENTICATED)")
    @ApiResponse(
            responseCode = "429",
            description = "Too many wrong passwords for the account or address: TOO_MANY_FAILED_LOGINS, with "
                    + "Retry-After")
    @DeleteMapping("/api/users/me")
    @Operation(
            operationId = "deleteAccount",
            summary = "Delete the caller's account",
            description = "The password is asked again (401 if wrong, 400 if missing). At once every refresh token "
                    + "of the account is dead, its access tokens are refused by every gateway within a second and "
                    + "logging in fails as for an unknown user; within seconds its profile, posts, reposts, likes, "
                    + "bookmarks, follows and notifications are gone everywhere and every count they touched is "
                    + "corrected; then its username and email are free again.")
    ResponseEntity<Void> delete(
            @Caller AuthenticatedUser caller, @RequestBody PasswordConfirmation body, HttpServletRequest request) {
        rpc.callAndWait(
                AuthRpc.DELETE_ACCOUNT,
                new DeleteAccountRequest(caller.id(), body.password(), request.getRemoteAddr()));
        // refused here at once; the other instances hear user.deleted
        denyList.deleted(caller.id(), Instant.now());
        return ResponseEntity.accepted().build();
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @ApiResponse(
            responseCode = "401",
            description = "Wrong current password: INVALID_CREDENTIALS (or no valid access token: UNAUTHENTICATED)")
    @ApiResponse(
            responseCode = "429",
            description = "Too many wrong passwords for the account or address: TOO_MANY_FAILED_LOGINS, with "
                    + "Retry-After")
    @PutMapping("/api/users/me/password")
    @Operation(
            operationId = "changePassword",
            summary = "Change the caller's password",
            description = "The current password is asked again (401 INVALID_CREDENTIALS if wrong); the new one "
                    + "follows the rules of registration and must differ from the current one (400). Every other "
                    + "login of the account ends: its refresh tokens are dead at once and its access tokens are "
                    + "refused by every gateway within a second. The caller's own login stays.")
    ResponseEntity<Void> changePassword(
            @Caller AuthenticatedUser caller, @RequestBody PasswordChange body, HttpServletRequest request) {
        // the other logins end through auth.login-ended, which every gateway instance (this one too) hears
        rpc.callAndWait(
                AuthRpc.CHANGE_PASSWORD,
                new ChangePasswordRequest(
                        caller.id(),
                        caller.loginId(),
                        body.currentPassword(),
                        body.newPassword(),
                        request.getRemoteAddr()));
        return ResponseEntity.noContent().build();
    }
}
