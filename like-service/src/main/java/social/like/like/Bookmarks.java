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
import social.contract.like.BookmarkPage;
import social.contract.like.BookmarkPostRequest;
import social.contract.like.GetBookmarksRequest;
import social.contract.like.UnbookmarkPostRequest;
import social.contract.post.Post;
import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.error.ServiceException;
import social.support.id.Ids;
import social.support.paging.IdCursor;
import social.support.paging.PageLimit;

/**
 * Bookmarks: at most one per user and post, private to the user (no event, no count: nobody else
 * learns of them). They follow the rules of likes: only live posts, a repost stands for its
 * original, and a bookmark is serialised with the deletion of its post so none outlives it.
 */
@Service
class Bookmarks {
    private final JdbcClient db;
    private final TransactionTemplate transactions;
    private final PostDirectory posts;
    private final PostDeletions postDeletions;
    private final ErasedUsers erased;

    private final BlockListCopy blocks;

    Bookmarks(
            JdbcClient db,
            TransactionTemplate transactions,
            PostDirectory posts,
            PostDeletions postDeletions,
            BlockListCopy blocks,
            ErasedUsers erased) {
        this.blocks = blocks;
        this.db = db;
        this.transactions = transactions;
        this.posts = posts;
        this.postDeletions = postDeletions;
        this.erased = erased;
    }

    public Acknowledged bookmark(BookmarkPostRequest request) {
        UUID userId = caller(request.callerId());
        // asked before the transaction: no connection is held while post-service answers
        Post post = posts.likeTarget(request.postId());
        if (blocks.blockedBetween(userId, post.authorId())) {
            throw ServiceException.blocked("you cannot bookmark this post");
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
            // a repeat keeps the first bookmark, and so its place in the list
            db.sql("""
                            INSERT INTO bookmark (user_id, post_id, id, created_at) VALUES (:user, :post, :id, :now)
                            ON CONFLICT DO NOTHING""")
                    .param("user", userId)
                    .param("post", post.id())
                    .param("id", Ids.newId())
                    .param("now", Timestamp.from(now))
                    .update();
        });
        return Acknowledged.INSTANCE;
    }

    public Acknowledged unbookmark(UnbookmarkPostRequest request) {
        UUID userId = caller(request.callerId());
        Post post = posts.likeTarget(request.postId());
        db.sql("DELETE FROM bookmark WHERE user_id = :user AND post_id = :post")
                .param("user", userId)
                .param("post", post.id())
                .update();
        return Acknowledged.INSTANCE;
    }

    /** The caller's bookmarks, newest first; the posts themselves come from post-service. */
    public BookmarkPage bookmarks(GetBookmarksRequest request) {
        UUID userId = caller(request.callerId());
        int limit = PageLimit.clamp(request.limit());
        List<Row> rows = db.sql("""
                        SELECT id, post_id FROM bookmark
                        WHERE user_id = :user AND id < :after ORDER BY id DESC LIMIT :limit""")
                .param("user", userId)
                .param("after", IdCursor.parse(request.cursor(), IdCursor.NEWEST))
                .param("limit", limit + 1)
                .query(Row.class)
                .list();
        return IdCursor.page(
                rows,
                limit,
                Row::id,
                (page, next) -> new BookmarkPage(page.stream().map(Row::postId).toList(), next));
    }

    /** Bookmarks are a user's own: a request that names nobody has none to read or change. */
    private static UUID caller(UUID callerId) {
        if (callerId == null) {
            throw ServiceException.invalid("callerId", "is required");
        }
        return callerId;
    }

    record Row(UUID id, UUID postId) {}
}
