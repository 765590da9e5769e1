package social.post.thread;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import social.contract.post.GetPostContextRequest;
import social.contract.post.Post;
import social.contract.post.PostContext;
import social.post.post.PostStore;
import social.support.blocks.BlockListCopy;
import social.support.error.ServiceException;

/**
 * The thread around a post, bounded whatever the thread's size: its ancestors are the ids its row
 * keeps ({@code thread_path}: the root and up to 39 nearest, written with each reply), its
 * descendants the first {@value #MAX_DESCENDANTS} replies below it in depth-first order (each
 * level oldest first), walked in one recursive query that visits at most
 * {@value #MAX_VISITED} posts (each one index lookup). Deleted posts and those of authors
 * blocked either way are left out, as in a replies list; the walk goes on through them (a
 * deleted reply's tombstone, {@code deleted_reply}, names its parent) to the replies below, which
 * stay. Without a transaction, like every read of post-service.
 */
@Service
class ThreadContext {
    static final int MAX_DESCENDANTS = 200;
    /** Posts the walk visits at most: the descendants shown and as many left out on the way. */
    static final int MAX_VISITED = 2 * MAX_DESCENDANTS;

    /** The post's ancestors that exist and are not hidden, in thread order (root first). */
    static final String ANCESTORS =
            """
            SELECT a.id
            FROM post t
            CROSS JOIN LATERAL unnest(t.thread_path) WITH ORDINALITY AS a(id, n)
            JOIN post p ON p.id = a.id
            WHERE t.id = :post AND %s
            ORDER BY a.n""".formatted(BlockListCopy.notBlockedEitherWay("CAST(:viewer AS uuid)", "p.author_id"));

    /**
     * A depth-first walk with an explicit stack (an array, top first): each step takes the top,
     * tells whether it is shown, and pushes its children (replies and deleted replies, oldest on
     * top). The stack is cut to the steps left, as deeper entries could never be reached; the walk
     * stops when the stack is empty, enough were shown, or it made {@code :visits} steps. ({@code OFFSET 0}
     * keeps the planner from repeating the check for each use of its result.)
     */
    static final String DESCENDANTS = """
            WITH RECURSIVE walk (step, node, shown, stack, shown_before) AS (
                SELECT 0, NULL::uuid, false, ARRAY(%1$s), 0
              UNION ALL
                SELECT w.step + 1, w.stack[1], v.shown,
                       (ARRAY(%2$s) || w.stack[2:])[1:(:visits - w.step - 1)],
                       w.shown_before + CASE WHEN v.shown THEN 1 ELSE 0 END
                FROM walk w
                CROSS JOIN LATERAL (SELECT EXISTS (
                    SELECT 1 FROM post p WHERE p.id = w.stack[1] AND %3$s) AS shown OFFSET 0) v
                WHERE cardinality(w.stack) > 0 AND w.shown_before < :limit AND w.step < :visits
            )
            SELECT node FROM walk WHERE shown ORDER BY step LIMIT :limit""".formatted(
                    children("CAST(:post AS uuid)"),
                    children("w.stack[1]"),
                    BlockListCopy.notBlockedEitherWay("CAST(:viewer AS uuid)", "p.author_id"));

    private final JdbcClient db;
    private final PostStore store;

    ThreadContext(JdbcClient db, PostStore store) {
        this.db = db;
        this.store = store;
    }

    /** The replies (live and deleted) to {@code parent}, oldest first: index range scans of both. */
    private static String children(String parent) {
        return """
                SELECT c.id FROM (
                    (SELECT id FROM post WHERE reply_to_id = %1$s ORDER BY id LIMIT :limit)
                    UNION ALL
                    (SELECT id FROM deleted_reply WHERE reply_to_id = %1$s ORDER BY id LIMIT :limit)) c
                ORDER BY c.id LIMIT :limit""".formatted(parent);
    }

    PostContext of(GetPostContextRequest request) {
        // a repost stands for its original, as when it is replied to
        UUID postId = db.sql("SELECT coalesce(repost_of_id, id) FROM post WHERE id = ?")
                .params(request.postId())
                .query(UUID.class)
                .optional()
                .orElseThrow(() -> ServiceException.notFound("no such post"));
        List<UUID> ancestors = db.sql(ANCESTORS)
                .param("post", postId)
                .param("viewer", request.callerId())
                .query(UUID.class)
                .list();
        List<UUID> descendants = db.sql(DESCENDANTS)
                .param("post", postId)
                .param("viewer", request.callerId())
                .param("limit", MAX_DESCENDANTS)
                .param("visits", MAX_VISITED)
                .query(UUID.class)
                .list();
        // one load for both lists (two queries whatever their length)
        List<Post> loaded = store.load(
                Stream.concat(ancestors.stream(), descendants.stream()).toList(), request.callerId());
        Set<UUID> above = new HashSet<>(ancestors);
        return new PostContext(
                loaded.stream().filter(post -> above.contains(post.id())).toList(),
                loaded.stream().filter(post -> !above.contains(post.id())).toList());
    }
}
