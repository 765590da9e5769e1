package social.post.hashtag;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import social.contract.post.GetTagPostsRequest;
import social.contract.post.PostPage;
import social.post.post.PostStore;
import social.post.text.PostText;
import social.support.blocks.BlockListCopy;
import social.support.error.ServiceException;
import social.support.paging.IdCursor;
import social.support.paging.PageLimit;

/**
 * A tag's page: its posts newest first. One index-only range scan of {@code post_hashtag}'s
 * primary key (tag, post_id) per page, then the page's load: never a scan of the posts. Reposts
 * carry no content, so no tag: they never appear here.
 */
@Service
class TagPages {
    // the author's visibility is a per-row subquery, not a join: the tag's index is read newest first and
    // stops at the page's end; as a join the planner guessed the block filters away and could pick a
    // scan of every post (TagPagePerformanceIT)
    static final String PAGE_IDS = """
            SELECT h.post_id FROM post_hashtag h
            WHERE h.tag = :tag AND h.post_id < :before
              AND (SELECT %s FROM post p WHERE p.id = h.post_id)
            ORDER BY h.post_id DESC
            LIMIT :limit""".formatted(BlockListCopy.visibleTo("CAST(:viewer AS uuid)", "p.author_id"));

    private final JdbcClient db;
    private final PostStore store;

    TagPages(JdbcClient db, PostStore store) {
        this.db = db;
        this.store = store;
    }

    /** Without a transaction, like every read of post-service. */
    PostPage page(GetTagPostsRequest request) {
        String tag = PostText.tag(request.tag())
                .orElseThrow(() -> ServiceException.invalid(
                        "tag", "must be 1 to " + PostText.MAX_TAG + " letters, digits or underscores, not all digits"));
        int limit = PageLimit.clamp(request.limit());
        List<UUID> ids = db.sql(PAGE_IDS)
                .param("tag", tag)
                .param("viewer", request.callerId())
                .param("before", IdCursor.parse(request.cursor(), IdCursor.NEWEST))
                .param("limit", limit + 1)
                .query(UUID.class)
                .list();
        return IdCursor.page(
                ids, limit, id -> id, (page, next) -> new PostPage(store.load(page, request.callerId()), next));
    }
}
