package social.contract;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import social.contract.auth.CredentialsRegistered;
import social.contract.auth.GetVerificationKeysRequest;
import social.contract.auth.LoginRequest;
import social.contract.auth.LogoutRequest;
import social.contract.auth.RefreshTokensRequest;
import social.contract.auth.RegisterCredentialsRequest;
import social.contract.auth.TokensIssued;
import social.contract.auth.UserRegistered;
import social.contract.auth.VerificationKeys;
import social.contract.user.CreateProfileRequest;
import social.contract.user.FindUserByUsernameRequest;
import social.contract.user.GetUserRequest;
import social.contract.user.GetUserSummariesRequest;
import social.contract.user.SearchUsersRequest;
import social.contract.user.UpdateProfileRequest;
import social.contract.user.User;
import social.contract.user.UserSummaries;
import social.contract.user.UserSummaryPage;

/**
 * The closed set of messages that may cross the broker, by logical type id. A message
 * whose type is not listed here is rejected before any JSON is bound to a class.
 */
public final class MessageTypes {

    private static final List<Class<?>> ALL = List.of(
            ErrorReply.class, Acknowledged.class,
            // auth
            RegisterCredentialsRequest.class, CredentialsRegistered.class, LoginRequest.class,
            RefreshTokensRequest.class, LogoutRequest.class, TokensIssued.class,
            GetVerificationKeysRequest.class, VerificationKeys.class, UserRegistered.class,
            // user
            CreateProfileRequest.class, GetUserRequest.class, FindUserByUsernameRequest.class,
            UpdateProfileRequest.class, SearchUsersRequest.class, UserSummaryPage.class,
            GetUserSummariesRequest.class, UserSummaries.class, User.class);

    private static final Map<String, Class<?>> BY_ID = new HashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new HashMap<>();

    static {
        for (Class<?> type : ALL) {
            MessageType annotation = type.getAnnotation(MessageType.class);
            if (annotation == null) {
                throw new IllegalStateException(type.getName() + " lacks @MessageType");
            }
            if (BY_ID.putIfAbsent(annotation.value(), type) != null) {
                throw new IllegalStateException("duplicate message type id " + annotation.value());
            }
            BY_CLASS.put(type, annotation.value());
        }
    }

    private MessageTypes() {
    }

    public static List<Class<?>> all() {
        return ALL;
    }

    /** The type id of a registered message class. */
    public static String idOf(Class<?> type) {
        String id = BY_CLASS.get(type);
        if (id == null) {
            throw new IllegalArgumentException(type.getName() + " is not a registered message type");
        }
        return id;
    }

    public static Optional<Class<?>> classOf(String id) {
        return Optional.ofNullable(id == null ? null : BY_ID.get(id));
    }
}
