package social.contract.user;

import java.util.List;

/** Events of user-service. */
public final class UserEvents {
    public static final List<Class<?>> MESSAGES = List.of(UserProfileUpdated.class, ProfileErased.class);

    private UserEvents() {}
}
