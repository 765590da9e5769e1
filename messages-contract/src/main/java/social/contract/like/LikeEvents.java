package social.contract.like;

import java.util.List;

/** Events of like-service. */
public final class LikeEvents {
    public static final List<Class<?>> MESSAGES = List.of(LikeAdded.class, LikeRemoved.class, LikesErased.class);

    private LikeEvents() {}
}
