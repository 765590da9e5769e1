package social.like.like;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.error.ServiceException;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.support.paging.PageLimit;
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
    private final PostDeletions postDeletions;
    private final BlockListCopy blocks;
    private final ErasedUsers erased;

    Likes(
            JdbcClient db,
            TransactionTemplate transactions,
            EventOutbox outbox,
            PostDirectory posts,
            PostDeletions postDeletions,
            BlockListCopy blocks,
            ErasedUsers erased) {
        this.blocks = blocks;
        this.db = db;
        this.transactions = transactions;
        this.outbox = outbox;
        this.posts = posts;
        this.postDeletions = postDeletions;
        this.erased = erased;
    }

    public Acknowledged like(LikePostRequest request) {
        // asked before the transaction: no connection is held while post-service answers
        Post post = posts.likeTarget(request.postId());
        if (blocks.blockedBetween(request.callerId(), post.authorId())) {
            throw ServiceException.blocked("you cannot like this post");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(status -> {
            // first, before the post's lock: an erasure of the caller's account holds this lock alone
            if (!erased.isLive(request.callerId())) {
                throw ServiceException.notFound("no such user");
            }
            postDeletions.lock(post.id());
            if (postDeletions.isDeleted(post.id())) {
                throw ServiceException.notFound("no such post");
            }
            int added = db.sql("""
                            INSERT INTO post_like (post_id, user_id, created_at) VALUES (:post, :user, :now)
                            ON CONFLICT DO NOTHING""")
                    .param("post", post.id())
                    .param("user", request.callerId())
                    .param("now", Timestamp.from(now))
                    .update();
            if (added == 1) {
                db.sql("""
                                INSERT INTO like_count (post_id, like_count) VALUES (:post, 1)
                                ON CONFLICT (post_id) DO UPDATE SET like_count = like_count.like_count + 1""").param("post", post.id()).update();
                outbox.publish(new LikeAdded(Ids.newId(), now, 1, post.id(), post.authorId(), request.callerId()));
            }
        });
        return Acknowledged.INSTANCE;
    }

    public Acknowledged unlike(UnlikePostRequest request) {
        Post post = posts.likeTarget(request.postId());
        transactions.executeWithoutResult(status -> {
            int removed = db.sql("DELETE FROM post_like WHERE post_id = :post AND user_id = :user")
                    .param("post", post.id())
                    .param("user", request.callerId())
                    .update();
            if (removed == 1) {
                db.sql("UPDATE like_count SET like_count = GREATEST(like_count - 1, 0) WHERE post_id = :post")
                        .param("post", post.id())
                        .update();
                outbox.publish(
                        new LikeRemoved(Ids.newId(), Instant.now(), 1, post.id(), post.authorId(), request.callerId()));
            }
        });
        return Acknowledged.INSTANCE;
    }

    public LikerPage likers(GetLikersRequest request) {
        posts.require(request.postId());
        int limit = PageLimit.clamp(request.limit());
        return TimeCursor.page(db.sql("""
                        SELECT user_id, created_at FROM post_like
                        WHERE post_id = :post AND (created_at, user_id) < (:after, :afterId)
                        ORDER BY created_at DESC, user_id DESC LIMIT :limit""").param("post", request.postId()), request.cursor(), limit, LikerPage::new);
    }
}
