package social.contract.user;

import java.util.List;

import social.contract.rpc.Operation;

/** The operations user-service answers on {@code user.rpc}. */
public final class UserRpc {
    public static final String SERVICE = "user";

    public static final Operation<CreateProfileRequest, User> CREATE_PROFILE =
            new Operation<>(SERVICE, CreateProfileRequest.class, User.class);
    public static final Operation<GetUserRequest, User> GET =
            new Operation<>(SERVICE, GetUserRequest.class, User.class);
    public static final Operation<FindUserByUsernameRequest, User> FIND_BY_USERNAME =
            new Operation<>(SERVICE, FindUserByUsernameRequest.class, User.class);
    public static final Operation<UpdateProfileRequest, User> UPDATE_PROFILE =
            new Operation<>(SERVICE, UpdateProfileRequest.class, User.class);
    public static final Operation<SearchUsersRequest, UserSummaryPage> SEARCH =
            new Operation<>(SERVICE, SearchUsersRequest.class, UserSummaryPage.class);
    public static final Operation<GetUserSummariesRequest, UserSummaries> GET_SUMMARIES =
            new Operation<>(SERVICE, GetUserSummariesRequest.class, UserSummaries.class);
    /** The users among some usernames (any case) that exist: one question per post's mentions. */
    public static final Operation<FindUsersByUsernamesRequest, UserSummaries> FIND_BY_USERNAMES =
            new Operation<>(SERVICE, FindUsersByUsernamesRequest.class, UserSummaries.class);

    public static final List<Class<?>> MESSAGES = List.of(
            CreateProfileRequest.class,
            GetUserRequest.class,
            FindUserByUsernameRequest.class,
            UpdateProfileRequest.class,
            SearchUsersRequest.class,
            UserSummaryPage.class,
            GetUserSummariesRequest.class,
            UserSummaries.class,
            User.class,
            FindUsersByUsernamesRequest.class);

    private UserRpc() {}
}
