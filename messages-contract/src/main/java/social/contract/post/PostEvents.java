package social.contract.post;

import java.util.List;

/** Events of post-service. */
public final class PostEvents {
    public static final List<Class<?>> MESSAGES =
            List.of(PostCreated.class, PostDeleted.class, PostEdited.class, PostsErased.class);

    private PostEvents() {}
}
