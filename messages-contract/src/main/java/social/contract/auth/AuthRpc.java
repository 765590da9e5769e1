package social.contract.auth;

import java.util.List;

import social.contract.Acknowledged;
import social.contract.rpc.Operation;

/** The operations auth-service answers on {@code auth.rpc}. */
public final class AuthRpc {
    public static final String SERVICE = "auth";

    public static final Operation<RegisterCredentialsRequest, CredentialsRegistered> REGISTER =
            new Operation<>(SERVICE, RegisterCredentialsRequest.class, CredentialsRegistered.class);
    public static final Operation<LoginRequest, TokensIssued> LOGIN =
            new Operation<>(SERVICE, LoginRequest.class, TokensIssued.class);
    public static final Operation<RefreshTokensRequest, TokensIssued> REFRESH =
            new Operation<>(SERVICE, RefreshTokensRequest.class, TokensIssued.class);
    public static final Operation<LogoutRequest, Acknowledged> LOGOUT =
            new Operation<>(SERVICE, LogoutRequest.class, Acknowledged.class);
    public static final Operation<GetVerificationKeysRequest, VerificationKeys> VERIFICATION_KEYS =
            new Operation<>(SERVICE, GetVerificationKeysRequest.class, VerificationKeys.class);

    public static final List<Class<?>> MESSAGES = List.of(
            RegisterCredentialsRequest.class, CredentialsRegistered.class, LoginRequest.class,
            RefreshTokensRequest.class, LogoutRequest.class, TokensIssued.class,
            GetVerificationKeysRequest.class, VerificationKeys.class, UserRegistered.class);

    private AuthRpc() {
    }
}
