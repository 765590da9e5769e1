package social.like.like;

import java.sql.Timestamp;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.post.PostDeleted;

/**
 * What like-service keeps about a post goes with the post: on {@code post.deleted} its likes, its
 * count and every user's bookmark of it, and a tombstone that refuses a like or bookmark racing
 * with the deletion. The event may arrive again: deleting twice is harmless.
 */
@Component
class PostDeletions {
    private final JdbcClient db;

    PostDeletions(JdbcClient db) {
        this.db = db;
    }

    /**
     * Serialises a like or bookmark of a post with its deletion (until the transaction ends): one
     * after the deletion sees the tombstone, a deletion after one removes it.
     */
    void lock(UUID postId) {
        db.sql("SELECT pg_advisory_xact_lock(hashtext(CAST(:post AS text)))")
                .param("post", postId)
                .query(Object.class)
                .single();
    }

    /** Whether the post is known to be deleted; ask it under {@link #lock}. */
    boolean isDeleted(UUID postId) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM deleted_post WHERE post_id = :post)")
                .param("post", postId)
                .query(Boolean.class)
                .single();
    }

    void forget(PostDeleted deleted) {
        lock(deleted.postId());
        db.sql("INSERT INTO deleted_post (post_id, deleted_at) VALUES (:post, :at) ON CONFLICT DO NOTHING")
                .param("post", deleted.postId())
                .param("at", Timestamp.from(deleted.occurredAt()))
                .update();
        db.sql("DELETE FROM post_like WHERE post_id = :post")
                .param("post", deleted.postId())
                .update();
        db.sql("DELETE FROM like_count WHERE post_id = :post")
                .param("post", deleted.postId())
                .update();
        db.sql("DELETE FROM bookmark WHERE post_id = :post")
                .param("post", deleted.postId())
                .update();
    }
}
