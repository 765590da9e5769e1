package social.gateway.auth;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.net.URI;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
import social.gateway.openapi.Schemas;
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

    record Registration(
            @Schema(
                    requiredMode = REQUIRED,
                    description = "letters, digits and underscores; unique ignoring case",
                    minLength = 3,
                    maxLength = 30,
                    pattern = Schemas.USERNAME)
            String username,

            @Schema(requiredMode = REQUIRED, description = "unique ignoring case", format = "email", maxLength = 254)
            String email,

            @Schema(
                    requiredMode = REQUIRED,
                    description = "any characters but control characters",
                    format = "password",
                    minLength = 8,
                    maxLength = 128)
            String password,

            @Schema(description = "the username when absent", minLength = 1, maxLength = 50)
            String displayName) {}

    record Credentials(
            @Schema(requiredMode = REQUIRED, description = "any case", maxLength = 64)
            String username,

            @Schema(requiredMode = REQUIRED, format = "password", maxLength = 256)
            String password) {}

    record RefreshToken(
            @Schema(requiredMode = REQUIRED, maxLength = 256)
            String refreshToken) {}

    /** The API's Token shape. */
    record Token(
            @Schema(description = "a JWT to send as Authorization: Bearer")
            String accessToken,

            @Schema(description = "single use: trade it for the next pair at /api/auth/refresh")
            String refreshToken,

            @Schema(allowableValues = "Bearer") String tokenType,

            @Schema(description = "seconds until the access token expires", minimum = "1")
            long expiresIn) {
        static Token of(IssuedTokens tokens) {
            return new Token(tokens.accessToken(), tokens.refreshToken(), tokens.tokenType(), tokens.expiresIn());
        }
    }

    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "Username or email taken: USERNAME_TAKEN, EMAIL_TAKEN")
    @ApiResponse(responseCode = "429", description = "Too many registrations or password checks from this address")
    @PostMapping("/register")
    @Operation(
            operationId = "registerAccount",
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
            operationId = "logIn",
            summary = "Log in",
            description =
                    "401 for an unknown user or a wrong password alike; 429 with Retry-After after repeated failures.")
    Token login(@RequestBody Credentials body, HttpServletRequest request) {
        return Token.of(rpc.callAndWait(
                AuthRpc.LOGIN, new LoginRequest(body.username(), body.password(), request.getRemoteAddr())));
    }

    @ApiResponse(
            responseCode = "429",
            description = "The login refreshed 30 times this hour: RATE_LIMITED, with Retry-After; the refresh token "
                    + "presented stays good")
    @PostMapping("/refresh")
    @Operation(
            operationId = "refreshTokens",
            summary = "Trade a refresh token for a new pair",
            description = "The old refresh token is dead from then on; reusing it within 7 days of its rotation "
                    + "revokes the login (later it is refused as unknown). A retry within 30 s (the reply was "
                    + "lost), while the new refresh token is unused, answers the same refresh token and a fresh "
                    + "access token. A login refreshes at most 30 times an hour.")
    Token refresh(@RequestBody RefreshToken body) {
        return Token.of(rpc.callAndWait(AuthRpc.REFRESH, new RefreshTokensRequest(body.refreshToken())));
    }

    @ApiResponse(responseCode = "204", description = "No Content")
    @PostMapping("/logout")
    @Operation(
            operationId = "logOut",
            summary = "End a login",
            description = "The refresh token (and its rotation chain) is dead from now on, and the access tokens "
                    + "of this login are refused by every gateway within about a second.")
    ResponseEntity<Void> logout(@Caller AuthenticatedUser caller, @RequestBody RefreshToken body) {
        rpc.callAndWait(AuthRpc.LOGOUT, new LogoutRequest(caller.id(), body.refreshToken()));
        return ResponseEntity.noContent().build();
    }
}
