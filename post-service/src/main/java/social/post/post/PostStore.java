package social.post.post;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.post.Post;

/**
 * Loads posts for answers: any number of posts, with the originals of reposts and the caller's
 * reposts, in two indexed queries whatever the page size (never one per post).
 */
@Component
public class PostStore {

    private final JdbcClient db;

    PostStore(JdbcClient db) {
        this.db = db;
    }

    /** The posts of {@code ids} that exist, in the order of {@code ids}. */
    public List<Post> load(List<UUID> ids, UUID callerId) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Row> rows = new HashMap<>();
        db.sql("""
                        SELECT p.id, p.author_id, p.content, p.created_at, p.reply_to_id, p.repost_of_id,
                               p.reply_count, p.repost_count,
                               o.author_id AS o_author_id, o.content AS o_content, o.created_at AS o_created_at,
                               o.reply_to_id AS o_reply_to_id, o.reply_count AS o_reply_count, o.repost_count AS o_repost_count
                        FROM post p LEFT JOIN post o ON o.id = p.repost_of_id
                        WHERE p.id IN (:ids)""").param("ids", ids).query((rs, i) -> Row.of(rs)).list().forEach(row -> rows.put(row.id(), row));
        Set<UUID> reposted =
                repostedBy(callerId, rows.values().stream().map(Row::target).toList());
        List<Post> posts = new ArrayList<>(rows.size());
        for (UUID id : ids) {
            Row row = rows.get(id);
            if (row != null) {
                posts.add(row.toPost(reposted.contains(row.target())));
            }
        }
        return posts;
    }

    /** Which of {@code postIds} the caller reposted. */
    private Set<UUID> repostedBy(UUID callerId, List<UUID> postIds) {
        if (callerId == null || postIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                db.sql("SELECT repost_of_id FROM post WHERE repost_of_id IN (:ids) AND author_id = :caller")
                        .param("ids", new HashSet<>(postIds))
                        .param("caller", callerId)
                        .query(UUID.class)
                        .list());
    }

    private record Row(
            UUID id,
            UUID authorId,
            String content,
            java.time.Instant createdAt,
            UUID replyToId,
            long replyCount,
            long repostCount,
            Original original) {

        static Row of(ResultSet rs) throws SQLException {
            UUID repostOf = rs.getObject("repost_of_id", UUID.class);
            Original original = repostOf == null
                    ? null
                    : new Original(
                            repostOf,
                            rs.getObject("o_author_id", UUID.class),
                            rs.getString("o_content"),
                            rs.getTimestamp("o_created_at").toInstant(),
                            rs.getObject("o_reply_to_id", UUID.class),
                            rs.getLong("o_reply_count"),
                            rs.getLong("o_repost_count"));
            return new Row(
                    rs.getObject("id", UUID.class),
                    rs.getObject("author_id", UUID.class),
                    rs.getString("content"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getObject("reply_to_id", UUID.class),
                    rs.getLong("reply_count"),
                    rs.getLong("repost_count"),
                    original);
        }

        /** The post whose repost state the caller sees: the original of a repost, else the post itself. */
        UUID target() {
            return original == null ? id : original.id();
        }

        Post toPost(boolean repostedByCaller) {
            Post repostOf = original == null
                    ? null
                    : new Post(
                            original.id(),
                            original.authorId(),
                            original.content(),
                            original.createdAt(),
                            original.replyToId(),
                            null,
                            original.replyCount(),
                            original.repostCount(),
                            repostedByCaller);
            return new Post(
                    id, authorId, content, createdAt, replyToId, repostOf, replyCount, repostCount, repostedByCaller);
        }
    }

    private record Original(
            UUID id,
            UUID authorId,
            String content,
            java.time.Instant createdAt,
            UUID replyToId,
            long replyCount,
            long repostCount) {}
}
