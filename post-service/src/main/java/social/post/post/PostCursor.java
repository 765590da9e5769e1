package social.post.post;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import social.contract.post.Post;
import social.contract.post.PostPage;
import social.support.error.ServiceException;

/** Keyset paging by post id (time-ordered): the cursor is the last id of the page, opaque to clients. */
public final class PostCursor {
    /** Before the first page of a newest-first list. */
    public static final UUID NEWEST = new UUID(-1L, -1L);
    /** Before the first page of an oldest-first list. */
    public static final UUID OLDEST = new UUID(0L, 0L);

    private PostCursor() {
    }

    public static UUID parse(String cursor, UUID start) {
        if (cursor == null || cursor.isBlank()) {
            return start;
        }
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid("cursor", "is not a cursor of this list");
        }
    }

    /**
     * The page of {@code limit} posts out of {@code ids} (queried with {@code limit + 1} to learn
     * whether more follow), loaded in the order of {@code ids}.
     */
    public static PostPage page(List<UUID> ids, int limit, Function<List<UUID>, List<Post>> load) {
        List<UUID> pageIds = ids.subList(0, Math.min(limit, ids.size()));
        String next = ids.size() > limit ? pageIds.get(pageIds.size() - 1).toString() : null;
        return new PostPage(load.apply(pageIds), next);
    }
}
