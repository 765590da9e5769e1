package social.like.like;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import social.contract.Acknowledged;
import social.contract.like.GetLikersRequest;
import social.contract.like.LikeAdded;
import social.contract.like.LikePostRequest;
import social.contract.like.LikeRemoved;
import social.contract.like.LikerPage;
import social.contract.like.UnlikePostRequest;
import social.contract.post.Post;
import social.contract.post.PostDeleted;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.support.paging.TimeCursor;

/**
 * Likes: at most one per user and post. A like or unlike that changes something updates the
 * post's count and publishes its event in the same transaction; a repeat changes nothing.
 */
@Service
class Likes {
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final EventOutbox outbox;
    private final PostDirectory posts;

    Likes(JdbcClient db, TransactionTemplate transactions, EventOutbox outbox, PostDirectory posts) {
        this.db = db;
        this.transactions = transactions;
        this.outbox = outbox;
        this.posts = posts;
    }

    public Acknowledged like(LikePostRequest request) {
        // asked before the transaction: no connection is held while post-service answers
        Post post = posts.likeTarget(request.postId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(status -> {
            int added = db.sql("""
                            INSERT INTO post_like (post_id, user_id, created_at) VALUES (:post, :user, :now)
                            ON CONFLICT DO NOTHING""")
                    .param("post", post.id()).param("user", request.callerId()).param("now", Timestamp.from(now))
                    .update();
            if (added == 1) {
                db.sql("""
                                INSERT INTO like_count (post_id, like_count) VALUES (:post, 1)
                                ON CONFLICT (post_id) DO UPDATE SET like_count = like_count.like_count + 1""")
                        .param("post", post.id()).update();
                outbox.publish(new LikeAdded(Ids.newId(), now, 1, post.id(), post.authorId(), request.callerId()));
            }
        });
        return Acknowledged.INSTANCE;
    }

    public Acknowledged unlike(UnlikePostRequest request) {
        Post post = posts.likeTarget(request.postId());
        transactions.executeWithoutResult(status -> {
            int removed = db.sql("DELETE FROM post_like WHERE post_id = :post AND user_id = :user")
                    .param("post", post.id()).param("user", request.callerId()).update();
            if (removed == 1) {
                db.sql("UPDATE like_count SET like_count = GREATEST(like_count - 1, 0) WHERE post_id = :post")
                        .param("post", post.id()).update();
                outbox.publish(new LikeRemoved(Ids.newId(), Instant.now(), 1, post.id(), post.authorId(),
                        request.callerId()));
            }
        });
        return Acknowledged.INSTANCE;
    }

    public LikerPage likers(GetLikersRequest request) {
        posts.require(request.postId());
        int limit = Math.max(1, Math.min(request.limit(), 100));
        TimeCursor after = TimeCursor.parse(request.cursor());
        List<TimeCursor> rows = db.sql("""
                        SELECT user_id, created_at FROM post_like
                        WHERE post_id = :post AND (created_at, user_id) < (:after, :afterId)
                        ORDER BY created_at DESC, user_id DESC LIMIT :limit""")
                .param("post", request.postId()).param("after", Timestamp.from(after.createdAt()))
                .param("afterId", after.userId()).param("limit", limit + 1)
                .query((rs, i) -> new TimeCursor(rs.getTimestamp("created_at").toInstant(), rs.getObject("user_id", UUID.class)))
                .list();
        List<TimeCursor> page = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit ? page.get(page.size() - 1).encode() : null;
        return new LikerPage(page.stream().map(TimeCursor::userId).toList(), next);
    }

    /** A deleted post's likes go with it (the event may arrive again: deleting twice is harmless). */
    void forget(PostDeleted deleted) {
        db.sql("DELETE FROM post_like WHERE post_id = :post").param("post", deleted.postId()).update();
        db.sql("DELETE FROM like_count WHERE post_id = :post").param("post", deleted.postId()).update();
    }
}
