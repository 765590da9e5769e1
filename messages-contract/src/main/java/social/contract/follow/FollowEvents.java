package social.contract.follow;

import java.util.List;

/** Events of followers-service. */
public final class FollowEvents {
    public static final List<Class<?>> MESSAGES =
            List.of(UserFollowed.class, UserUnfollowed.class, FollowNotifyChanged.class);

    private FollowEvents() {}
}
