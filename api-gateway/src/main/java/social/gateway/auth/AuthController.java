package social.gateway.auth;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import social.contract.auth.AuthRpc;
import social.contract.auth.IssuedTokens;
import social.contract.auth.LoginRequest;
import social.contract.auth.LogoutRequest;
import social.contract.auth.RefreshTokensRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.RegisteredCredentials;
import social.contract.user.CreateProfileRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.Caller;
import social.support.rpc.RpcClient;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "auth", description = "Accounts and tokens")
class AuthController {
    private final RpcClient rpc;

    AuthController(RpcClient rpc) {
        this.rpc = rpc;
    }

    record Registration(String username, String email, String password, String displayName) {}

    record Credentials(String username, String password) {}

    record RefreshToken(String refreshToken) {}

    /** The API's Token shape. */
    record Token(String accessToken, String refreshToken, String tokenType, long expiresIn) {
        static Token of(IssuedTokens tokens) {
            return new Token(tokens.accessToken(), tokens.refreshToken(), tokens.tokenType(), tokens.expiresIn());
        }
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Username or email taken")
    @ApiResponse(responseCode = "429", description = "Too many registrations or password checks from this address")
    @PostMapping("/register")
    @Operation(
            summary = "Create an account",
            description = "201 with the new User and its Location; 409 if the username or email is taken.")
    ResponseEntity<User> register(@RequestBody Registration body, HttpServletRequest request) {
        RegisteredCredentials registered = rpc.callAndWait(
                AuthRpc.REGISTER,
                new RegisterCredentialsRequest(
                        body.username(),
                        body.email(),
                        body.password(),
                        body.displayName(),
                        request.getRemoteAddr(),
                        // redelivered after auth-service committed, the request answers its own account, not 409
                        UUID.randomUUID().toString()));
        // the profile exists before 201 goes out: read-your-writes for GET /api/users/{id}
        User user = rpc.callAndWait(
                UserRpc.CREATE_PROFILE,
                new CreateProfileRequest(registered.userId(), registered.username(), registered.displayName()));
        return ResponseEntity.created(URI.create("/api/users/" + user.id())).body(user);
    }

    @PostMapping("/login")
    @Operation(
            summary = "Log in",
            description =
                    "401 for an unknown user or a wrong password alike; 429 with Retry-After after repeated failures.")
    Token login(@RequestBody Credentials body, HttpServletRequest request) {
        return Token.of(rpc.callAndWait(
                AuthRpc.LOGIN, new LoginRequest(body.username(), body.password(), request.getRemoteAddr())));
    }

    @PostMapping("/refresh")
    @Operation(
            summary = "Trade a refresh token for a new pair",
            description = "The old refresh token is dead from then on; reusing it revokes the login. A retry "
                    + "within 30 s (the reply was lost), while the new refresh token is unused, answers the same "
                    + "refresh token and a fresh access token.")
    Token refresh(@RequestBody RefreshToken body) {
        return Token.of(rpc.callAndWait(AuthRpc.REFRESH, new RefreshTokensRequest(body.refreshToken())));
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @PostMapping("/logout")
    @Operation(
            summary = "End a login",
            description = "The refresh token (and its rotation chain) is dead from now on, and the access tokens "
                    + "of this login are refused by every gateway within about a second.",
            security = @SecurityRequirement(name = "bearer"))
    ResponseEntity<Void> logout(@Caller AuthenticatedUser caller, @RequestBody RefreshToken body) {
        rpc.callAndWait(AuthRpc.LOGOUT, new LogoutRequest(caller.id(), body.refreshToken()));
        return ResponseEntity.noContent().build();
    }
}
