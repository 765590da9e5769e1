package social.contract.auth;

import java.util.List;

/** Events of auth-service: a new account's credentials exist; a login ended early. */
public final class AuthEvents {
    public static final List<Class<?>> MESSAGES = List.of(UserRegistered.class, LoginEnded.class, UserDeleted.class);

    private AuthEvents() {}
}
