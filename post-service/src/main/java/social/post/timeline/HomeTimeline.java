package social.post.timeline;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import social.contract.post.GetHomeTimelineRequest;
import social.contract.post.PostPage;
import social.post.post.PostStore;
import social.support.blocks.BlockListCopy;
import social.support.paging.IdCursor;
import social.support.paging.PageLimit;

/**
 * The home timeline, read on demand from post-service's own tables: the caller's posts and
 * those of everyone in its local copy of the follow graph. A page is one id query plus the
 * posts' load, whatever the number of followed accounts.
 */
@Service
class HomeTimeline {
    /*
     * Per author, the newest `limit` ids below the cursor come off the (author_id, id DESC) index
     * (an index-only scan each), then the newest `limit` of those win. This costs at most
     * (authors x limit) index entries, however many posts the authors have, and never scans
     * other authors' posts (as a walk down the primary key filtered by author would for a
     * caller who follows few or quiet accounts).
     */
    /*
     * Blocked (either way) and muted accounts leave the authors first: the caller's lists are read
     * once off the local copy's indexes, then each followed account is a hash probe (see
     * BlockListCopy); a repost of a hidden account's post is skipped by its original's author, which
     * the repost row keeps and the author index carries (V8), so each author's part stays an
     * index-only scan.
     */
    static final String PAGE_IDS = """
            SELECT t.id
            FROM (SELECT CAST(:caller AS uuid) AS author_id
                  UNION ALL
                  SELECT f.followee_id FROM followed f WHERE f.follower_id = :caller
                  AND %s) AS a
            CROSS JOIN LATERAL (
                SELECT p.id FROM post p
                WHERE p.author_id = a.author_id AND p.id < :before
                AND (p.repost_of_author_id IS NULL OR %s)
                ORDER BY p.id DESC
                LIMIT :limit) AS t
            ORDER BY t.id DESC
            LIMIT :limit""".formatted(
                    BlockListCopy.visibleTo("CAST(:caller AS uuid)", "f.followee_id"),
                    BlockListCopy.visibleTo("CAST(:caller AS uuid)", "p.repost_of_author_id"));

    private final JdbcClient db;
    private final PostStore store;

    HomeTimeline(JdbcClient db, PostStore store) {
        this.db = db;
        this.store = store;
    }

    /** Without a transaction, like every read of post-service (see {@code Posts#get}). */
    public PostPage page(GetHomeTimelineRequest request) {
        int limit = PageLimit.clamp(request.limit());
        List<UUID> ids = db.sql(PAGE_IDS)
                .param("caller", request.callerId())
                .param("before", IdCursor.parse(request.cursor(), IdCursor.NEWEST))
                .param("limit", limit + 1)
                .query(UUID.class)
                .list();
        return IdCursor.page(
                ids, limit, id -> id, (page, next) -> new PostPage(store.load(page, request.callerId()), next));
    }
}
