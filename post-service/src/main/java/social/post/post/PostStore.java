package social.post.post;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.post.Post;
import social.support.blocks.BlockListCopy;

/**
 * Loads posts for answers: any number of posts, with the originals of reposts, the posts they
 * quote and the caller's reposts, in two indexed queries whatever the page size (never one per
 * post). A quoted post is shown one level deep: its own {@code quoteOf} is left out (null); one
 * across a block between its author and the caller is left out too.
 */
@Component
public class PostStore {
    private static final List<String> COLUMNS = List.of(
            "id",
            "author_id",
            "content",
            "created_at",
            "reply_to_id",
            "repost_of_id",
            "reply_count",
            "repost_count",
            "quote_count",
            "hashtags",
            "edited_at");

    /**
     * The posts (p), the originals of reposts (o), the posts they quote (q, and oq for an original's):
     * one row per post, each join by primary key. A quoted post whose author and the caller block
     * one another (either way) is not shown ({@code q_shown}, {@code oq_shown} false): the quote
     * shows no quoted post, as when it was deleted (API.md, "Blocks, mutes, leaving"). The caller's
     * block lists are read once per query (see {@link BlockListCopy#notBlockedEitherWay}), whatever
     * the page's size. The condition is a column, not part of the join: in the join the planner
     * filtered every post by it and hashed them all (QuotesAcrossBlocksPerformanceIT's Seq Scan).
     */
    static final String LOAD = "SELECT " + select("p") + ", " + select("o") + ", " + select("q") + ", "
            + select("oq") + ", " + shown("q") + ", " + shown("oq") + """

            FROM post p
            LEFT JOIN post o ON o.id = p.repost_of_id
            LEFT JOIN post q ON q.id = p.quote_of_id
            LEFT JOIN post oq ON oq.id = o.quote_of_id
            WHERE p.id IN (:ids)""";

    private final JdbcClient db;

    PostStore(JdbcClient db) {
        this.db = db;
    }

    /** The posts of {@code ids} that exist, in the order of {@code ids}. */
    public List<Post> load(List<UUID> ids, UUID callerId) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, Loaded> rows = new HashMap<>();
        db.sql(LOAD)
                .param("ids", ids)
                .param("caller", callerId)
                .query((rs, i) ->
                        new Loaded(Row.of(rs, "p"), Row.of(rs, "o"), Row.ifShown(rs, "q"), Row.ifShown(rs, "oq")))
                .list()
                .forEach(loaded -> rows.put(loaded.post().id(), loaded));
        Set<UUID> reposted = repostedBy(
                callerId, rows.values().stream().flatMap(Loaded::shown).toList());
        List<Post> posts = new ArrayList<>(rows.size());
        for (UUID id : ids) {
            Loaded loaded = rows.get(id);
            if (loaded != null) {
                posts.add(loaded.toPost(reposted));
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

    /** Whether the caller may see the quoted post of {@code alias}: true unless a block stands between them. */
    private static String shown(String alias) {
        return "(" + BlockListCopy.notBlockedEitherWay("CAST(:caller AS uuid)", alias + ".author_id") + ") AS " + alias
                + "_shown";
    }

    private static String select(String alias) {
        return COLUMNS.stream()
                .map(column -> alias + "." + column + " AS " + alias + "_" + column)
                .collect(Collectors.joining(", "));
    }

    /**
     * A post; if it is a repost, its original; and the post that the post (or the original)
     * quotes, if it still exists.
     */
    private record Loaded(Row post, Row original, Row quoted, Row originalQuoted) {

        /** The post whose repost state the caller sees: the original of a repost, else the post itself. */
        UUID target() {
            return original == null ? post.id() : original.id();
        }

        /** Every post shown whose repost state the caller sees: the target and what it quotes. */
        Stream<UUID> shown() {
            Row quote = original == null ? quoted : originalQuoted;
            return quote == null ? Stream.of(target()) : Stream.of(target(), quote.id());
        }

        Post toPost(Set<UUID> repostedByCaller) {
            boolean reposted = repostedByCaller.contains(target());
            if (original != null) {
                Post repostOf = original.toPost(null, quote(originalQuoted, repostedByCaller), reposted);
                return post.toPost(repostOf, null, reposted);
            }
            return post.toPost(null, quote(quoted, repostedByCaller), reposted);
        }

        private static Post quote(Row quoted, Set<UUID> repostedByCaller) {
            return quoted == null ? null : quoted.toPost(null, null, repostedByCaller.contains(quoted.id()));
        }
    }

    /** One post's own columns. */
    private record Row(
            UUID id,
            UUID authorId,
            String content,
            Instant createdAt,
            UUID replyToId,
            long replyCount,
            long repostCount,
            long quoteCount,
            List<String> hashtags,
            Instant editedAt) {

        /** A quoted post's columns, or null where its join found none or the caller may not see it. */
        static Row ifShown(ResultSet rs, String alias) throws SQLException {
            return rs.getBoolean(alias + "_shown") ? of(rs, alias) : null;
        }

        /** The columns of {@code alias}, or null where its join found no post. */
        static Row of(ResultSet rs, String alias) throws SQLException {
            UUID id = rs.getObject(alias + "_id", UUID.class);
            if (id == null) {
                return null;
            }
            return new Row(
                    id,
                    rs.getObject(alias + "_author_id", UUID.class),
                    rs.getString(alias + "_content"),
                    rs.getTimestamp(alias + "_created_at").toInstant(),
                    rs.getObject(alias + "_reply_to_id", UUID.class),
                    rs.getLong(alias + "_reply_count"),
                    rs.getLong(alias + "_repost_count"),
                    rs.getLong(alias + "_quote_count"),
                    strings(rs.getArray(alias + "_hashtags")),
                    instant(rs.getTimestamp(alias + "_edited_at")));
        }

        Post toPost(Post repostOf, Post quoteOf, boolean repostedByCaller) {
            return new Post(
                    id,
                    authorId,
                    content,
                    createdAt,
                    replyToId,
                    repostOf,
                    replyCount,
                    repostCount,
                    repostedByCaller,
                    hashtags,
                    quoteOf,
                    quoteCount,
                    editedAt);
        }

        private static Instant instant(Timestamp timestamp) {
            return timestamp == null ? null : timestamp.toInstant();
        }
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
