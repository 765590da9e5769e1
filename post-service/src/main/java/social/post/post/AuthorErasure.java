package social.post.post;

import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the post feature erases of a deleted account: its posts and reposts (each as its author
 * would delete it: the counts of the posts it replied to, reposted or quoted, the trending counts,
 * a {@code post.deleted} each), its idempotency keys, and the mention rows naming it. Runs in the
 * caller's transaction.
 */
@Component
public class AuthorErasure {
    private final Posts posts;
    private final JdbcClient db;

    AuthorErasure(Posts posts, JdbcClient db) {
        this.posts = posts;
        this.db = db;
    }

    /** Returns how many posts and reposts went. */
    public int erase(UUID authorId, String username) {
        int removed = posts.removeAllBy(authorId);
        if (username != null) {
            db.sql("DELETE FROM post_mention WHERE username = ?")
                    .params(username.toLowerCase(Locale.ROOT))
                    .update();
        }
        return removed;
    }
}
