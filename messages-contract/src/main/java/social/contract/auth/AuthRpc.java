package social.contract.auth;

import java.util.List;

import social.contract.Acknowledged;
import social.contract.rpc.Operation;

/** The operations auth-service answers on {@code auth.rpc}. */
public final class AuthRpc {
    public static final String SERVICE = "auth";

    public static final Operation<RegisterCredentialsRequest, RegisteredCredentials> REGISTER =
            new Operation<>(SERVICE, RegisterCredentialsRequest.class, RegisteredCredentials.class);
    public static final Operation<LoginRequest, IssuedTokens> LOGIN =
            new Operation<>(SERVICE, LoginRequest.class, IssuedTokens.class);
    public static final Operation<RefreshTokensRequest, IssuedTokens> REFRESH =
            new Operation<>(SERVICE, RefreshTokensRequest.class, IssuedTokens.class);
    public static final Operation<LogoutRequest, Acknowledged> LOGOUT =
            new Operation<>(SERVICE, LogoutRequest.class, Acknowledged.class);
    public static final Operation<GetVerificationKeysRequest, VerificationKeys> VERIFICATION_KEYS =
            new Operation<>(SERVICE, GetVerificationKeysRequest.class, VerificationKeys.class);
    /** Held by auth-service, so that any gateway instance can redeem what another issued. */
    public static final Operation<IssueStreamTicketRequest, StreamTicket> ISSUE_STREAM_TICKET =
            new Operation<>(SERVICE, IssueStreamTicketRequest.class, StreamTicket.class);

    public static final Operation<RedeemStreamTicketRequest, StreamTicketHolder> REDEEM_STREAM_TICKET =
            new Operation<>(SERVICE, RedeemStreamTicketRequest.class, StreamTicketHolder.class);

    /** The caller deletes their own account (password asked again): the saga of {@link UserDeleted} begins. */
    public static final Operation<DeleteAccountRequest, Acknowledged> DELETE_ACCOUNT =
            new Operation<>(SERVICE, DeleteAccountRequest.class, Acknowledged.class);

    /** The caller changes their password (the current one asked again): every other login ends. */
    public static final Operation<ChangePasswordRequest, Acknowledged> CHANGE_PASSWORD =
            new Operation<>(SERVICE, ChangePasswordRequest.class, Acknowledged.class);

    /**
     * A gateway that may have missed {@link LoginEnded} or {@link UserDeleted} events (its queue was
     * lost) loads the denials still live before it trusts its deny list again.
     */
    public static final Operation<ListAccessDenialsRequest, AccessDenials> LIST_ACCESS_DENIALS =
            new Operation<>(SERVICE, ListAccessDenialsRequest.class, AccessDenials.class);

    public static final List<Class<?>> MESSAGES = List.of(
            RegisterCredentialsRequest.class,
            RegisteredCredentials.class,
            LoginRequest.class,
            RefreshTokensRequest.class,
            LogoutRequest.class,
            IssuedTokens.class,
            GetVerificationKeysRequest.class,
            VerificationKeys.class,
            IssueStreamTicketRequest.class,
            StreamTicket.class,
            RedeemStreamTicketRequest.class,
            StreamTicketHolder.class,
            DeleteAccountRequest.class,
            ChangePasswordRequest.class,
            ListAccessDenialsRequest.class,
            AccessDenials.class);

    private AuthRpc() {}
}
