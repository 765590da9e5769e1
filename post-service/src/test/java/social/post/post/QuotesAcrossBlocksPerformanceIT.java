package social.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.post.GetQuotesRequest;
import social.contract.post.Post;
import social.contract.post.PostPage;
import social.support.testing.ServiceIntegrationTest;

/**
 * Issue 26, item 10 at scale: a reader who blocks 500 authors and is blocked by 500 more (among
 * 100,000 other users' blocks) reads the quotes list of a post quoted 5,000 times, and a page of
 * posts quoting hidden and visible authors' posts, each on an index-driven plan (no Seq Scan),
 * custom and generic alike: the quotes list walks {@code post_quotes_newest}, the load joins by
 * primary key, and the block lists are read once per query.
 */
@ServiceIntegrationTest
class QuotesAcrossBlocksPerformanceIT {
    static final UUID READER = UUID.fromString("00000000-0000-7000-8000-00000000a10c");
    static final UUID POPULAR = UUID.fromString("00000000-0001-7000-8000-00000000a10c");
    static final int AUTHORS = 2500;
    static final int POSTS = 5000;

    @Autowired
    Posts posts;

    @Autowired
    PostStore store;

    @Autowired
    JdbcClient db;

    @Autowired
    DataSource dataSource;

    /**
     * Authors 0..2499: 1000..1499 blocked by the reader, 1500..1999 blocking the reader, the others
     * strangers. 5,000 posts (post g by author g % 2500), 5,000 quotes of {@link #POPULAR} by authors
     * 1000..2499 in turn (the newest 500 by hidden authors: a page skips them), and 5,000 quotes by
     * strangers (2000..2499), of post g each.
     */
    @BeforeAll
    static void seed(@Autowired JdbcClient db) {
        db.sql("""
                INSERT INTO post (id, author_id, content, created_at)
                VALUES (:popular, md5('quote-author' || 2400)::uuid, 'the popular post', now())
                ON CONFLICT DO NOTHING""").param("popular", POPULAR).update();
        for (int kind = 0; kind < 3; kind++) {
            db.sql("""
                    INSERT INTO post (id, author_id, content, created_at, quote_of_id)
                    SELECT (lpad(to_hex(1720000000000 + g::bigint * 60000 + :kind), 12, '0') || '7000' || 'b'
                            || substr(md5(:kind || '-' || g), 1, 15))::uuid,
                           md5('quote-author' || CASE :kind WHEN 0 THEN g % 2500 WHEN 1 THEN 1000 + g % 1500
                                                           ELSE 2000 + g % 500 END)::uuid,
                           'post ' || :kind || ' number ' || g,
                           to_timestamp((1720000000000 + g::bigint * 60000) / 1000.0),
                           CASE :kind
                               WHEN 0 THEN NULL
                               WHEN 1 THEN CAST(:popular AS uuid)
                               ELSE (lpad(to_hex(1720000000000 + g::bigint * 60000), 12, '0') || '7000' || 'b'
                                     || substr(md5('0-' || g), 1, 15))::uuid
                           END
                    FROM generate_series(1, :posts) AS g
                    ON CONFLICT DO NOTHING""")
                    .param("kind", kind)
                    .param("popular", POPULAR)
                    .param("posts", POSTS)
                    .update();
        }
        db.sql("""
                INSERT INTO user_block (blocker_id, blocked_id, active, version)
                SELECT :reader, md5('quote-author' || a)::uuid, true, 1 FROM generate_series(1000, 1499) AS a
                ON CONFLICT DO NOTHING""").param("reader", READER).update();
        db.sql("""
                INSERT INTO user_block (blocker_id, blocked_id, active, version)
                SELECT md5('quote-author' || a)::uuid, :reader, true, 1 FROM generate_series(1500, 1999) AS a
                ON CONFLICT DO NOTHING""").param("reader", READER).update();
        db.sql("""
                INSERT INTO user_block (blocker_id, blocked_id, active, version)
                SELECT md5('quote-other-blocker' || g)::uuid, md5('quote-other-blocked' || g)::uuid, g % 10 <> 0, 1
                FROM generate_series(1, 100000) AS g
                ON CONFLICT DO NOTHING""").update();
        for (String table : List.of("post", "user_block")) {
            db.sql("VACUUM ANALYZE " + table).update();
        }
    }

    @Test
    void theQuotesListLeavesOutHiddenAuthorsOnTheQuotesIndex() {
        Set<UUID> hidden = authors(1000, 1999);
        PostPage first = posts.quotes(new GetQuotesRequest(READER, POPULAR, 20, null));
        PostPage second = posts.quotes(new GetQuotesRequest(READER, POPULAR, 20, first.nextCursor()));

        assertThat(first.items()).hasSize(20);
        assertThat(second.items()).hasSize(20);
        for (Post quote : concat(first.items(), second.items())) {
            assertThat(hidden).doesNotContain(quote.authorId());
        }
        // a reader outside the blocks sees the hidden authors' quotes: the filter is the reader's
        assertThat(posts.quotes(new GetQuotesRequest(null, POPULAR, 100, null)).items())
                .extracting(Post::authorId)
                .containsAnyElementsOf(hidden);

        String sql = Posts.QUOTE_IDS;
        String plan = plan(db.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                .param("post", POPULAR)
                .param("before", new UUID(-1L, -1L))
                .param("viewer", READER)
                .param("limit", 21)
                .query(String.class)
                .list());
        System.out.println("quotes list page plan, 500 blocked, blocked by 500:\n" + plan);
        assertThat(plan).contains("post_quotes_newest").doesNotContain("Seq Scan");
        String generic = genericPlan(
                sql.replace(":post", "$1")
                        .replace(":before", "$2")
                        .replace(":viewer", "$3")
                        .replace(":limit", "$4"),
                "uuid, uuid, uuid, int",
                "'" + POPULAR + "', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '" + READER + "', 21");
        System.out.println("the same, generic plan:\n" + generic);
        assertThat(generic).contains("post_quotes_newest").doesNotContain("Seq Scan");
    }

    @Test
    void aPageOfQuotesOfHiddenAndVisibleAuthorsLoadsOnThePrimaryKeyWithTheHiddenEmbedsLeftOut() {
        // quotes of posts 1000..1019 (by blocked authors) and 2000..2019 (by strangers)
        List<UUID> ids = db.sql("""
                        SELECT id FROM post WHERE content IN (:contents) ORDER BY id""")
                .param(
                        "contents",
                        IntStream.concat(IntStream.range(1000, 1020), IntStream.range(2000, 2020))
                                .mapToObj(g -> "post 2 number " + g)
                                .toList())
                .query(UUID.class)
                .list();
        assertThat(ids).hasSize(40);
        Set<UUID> hidden = authors(1000, 1999);

        List<Post> loaded = store.load(ids, READER);
        assertThat(loaded).hasSize(40);
        for (Post quote : loaded) {
            UUID quotedAuthor = quotedAuthor(quote.id());
            if (hidden.contains(quotedAuthor)) {
                assertThat(quote.quoteOf()).isNull();
            } else {
                assertThat(quote.quoteOf().authorId()).isEqualTo(quotedAuthor);
            }
        }
        assertThat(store.load(ids, null))
                .allSatisfy(quote -> assertThat(quote.quoteOf()).isNotNull());

        String plan = plan(db.sql("EXPLAIN (ANALYZE, BUFFERS) " + PostStore.LOAD)
                .param("ids", ids)
                .param("caller", READER)
                .query(String.class)
                .list());
        System.out.println("load of 40 quotes, 500 blocked, blocked by 500:\n" + plan);
        assertThat(plan).contains("post_pkey").doesNotContain("Seq Scan");
        String placeholders =
                IntStream.range(0, ids.size()).mapToObj(i -> "$" + (i + 2)).collect(Collectors.joining(", "));
        String generic = genericPlan(
                PostStore.LOAD.replace(":caller", "$1").replace(":ids", placeholders),
                "uuid" + ", uuid".repeat(ids.size()),
                "'" + READER + "', " + ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ")));
        System.out.println("the same, generic plan:\n" + generic);
        assertThat(generic).contains("post_pkey").doesNotContain("Seq Scan");
    }

    private UUID quotedAuthor(UUID quoteId) {
        return db.sql("SELECT q.author_id FROM post p JOIN post q ON q.id = p.quote_of_id WHERE p.id = ?")
                .param(quoteId)
                .query(UUID.class)
                .single();
    }

    private Set<UUID> authors(int from, int to) {
        return Set.copyOf(db.sql("SELECT md5('quote-author' || a)::uuid FROM generate_series(?, ?) AS a")
                .params(from, to)
                .query(UUID.class)
                .list());
    }

    /** The plan Postgres uses for the statement prepared once it switches to its generic plan. */
    private String genericPlan(String sql, String types, String values) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE generic_page (" + types + ") AS " + sql);
            List<String> lines = new ArrayList<>();
            try (ResultSet plan =
                    statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE generic_page (" + values + ")")) {
                while (plan.next()) {
                    lines.add(plan.getString(1));
                }
            }
            statement.execute("DEALLOCATE generic_page");
            statement.execute("RESET plan_cache_mode");
            return String.join("\n", lines);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plan(List<String> lines) {
        return String.join("\n", lines);
    }

    private static List<Post> concat(List<Post> one, List<Post> other) {
        List<Post> all = new ArrayList<>(one);
        all.addAll(other);
        return all;
    }
}
