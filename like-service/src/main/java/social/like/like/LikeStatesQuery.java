package social.like.like;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeStates;
import social.contract.like.LikeStates.LikeState;
import social.support.error.ServiceException;

/** Like counts and the caller's likes and bookmarks for a page of posts, in one query. */
@Service
class LikeStatesQuery {
    static final int MAX_BATCH = 500;
    /** Stands for an anonymous caller, who liked and bookmarked nothing. */
    private static final UUID NOBODY = new UUID(0L, 0L);

    private final JdbcClient db;

    LikeStatesQuery(JdbcClient db) {
        this.db = db;
    }

    /** One statement, so no transaction: BEGIN/COMMIT would only add two round trips. */
    public LikeStates states(GetLikeStatesRequest request) {
        Set<UUID> postIds = new LinkedHashSet<>(request.postIds());
        if (postIds.size() > MAX_BATCH) {
            throw ServiceException.invalid("postIds", "at most " + MAX_BATCH + " per request");
        }
        if (postIds.isEmpty()) {
            return new LikeStates(List.of());
        }
        Map<UUID, LikeState> found = new HashMap<>();
        // a liked post always has its like_count row (written with the like), so the counts answer
        // the likes; the caller's bookmarks of the page join them (primary key lookups), so one
        // statement answers the page whatever the caller did
        db.sql("""
                        SELECT COALESCE(c.post_id, b.post_id) AS post_id, COALESCE(c.like_count, 0) AS like_count,
                               EXISTS (SELECT 1 FROM post_like l WHERE l.post_id = c.post_id AND l.user_id = :caller) AS liked,
                               b.post_id IS NOT NULL AS bookmarked
                        FROM (SELECT post_id, like_count FROM like_count WHERE post_id IN (:ids)) c
                        FULL JOIN (SELECT post_id FROM bookmark WHERE user_id = :caller AND post_id IN (:ids)) b
                               ON b.post_id = c.post_id""")
                .param("caller", request.callerId() == null ? NOBODY : request.callerId())
                .param("ids", postIds)
                .query((rs, i) -> new LikeState(
                        rs.getObject("post_id", UUID.class),
                        rs.getLong("like_count"),
                        rs.getBoolean("liked"),
                        rs.getBoolean("bookmarked")))
                .list()
                .forEach(state -> found.put(state.postId(), state));
        List<LikeState> states = new ArrayList<>(postIds.size());
        postIds.forEach(id -> states.add(found.getOrDefault(id, new LikeState(id, 0, false, false))));
        return new LikeStates(states);
    }
}
