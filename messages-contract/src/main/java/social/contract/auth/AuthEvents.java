package social.contract.auth;

import java.util.List;

/** Events of auth-service: a new account's credentials exist. */
public final class AuthEvents {
    public static final List<Class<?>> MESSAGES = List.of(UserRegistered.class);

    private AuthEvents() {}
}
