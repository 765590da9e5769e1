package social.post.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.post.GetHomeTimelineRequest;
import social.contract.post.Post;
import social.contract.post.PostPage;
import social.support.testing.ServiceIntegrationTest;

/**
 * Issue 14's budget for blocks and mutes: a reader who follows 1,000 accounts, mutes 500 of them,
 * blocks 500 others, is blocked by 500 more (1,500 entries in the local copy of the lists), and
 * whose followed accounts repost the hidden accounts' posts, still reads a home-timeline page on an
 * index-driven plan (no Seq Scan), custom and generic alike, that leaves every hidden account out;
 * the page's time is printed (docs/features/blocks-mutes.md, "Cost at 1,000 blocks").
 */
@ServiceIntegrationTest
class HiddenAuthorsPerformanceIT {
    static final UUID READER = UUID.fromString("00000000-0000-7000-8000-0000000b10c4");
    static final int FOLLOWED = 1_000;
    static final int MUTED = 500;
    static final int BLOCKED = 500;
    static final int BLOCKING = 500;
    static final int POSTS = 60_000;

    /** The page's query before blocks and mutes (issue 14), for comparison on the same data. */
    static final String PAGE_IDS_WITHOUT_LISTS = """
            SELECT t.id
            FROM (SELECT CAST(:caller AS uuid) AS author_id
                  UNION ALL
                  SELECT followee_id FROM followed WHERE follower_id = :caller) AS a
            CROSS JOIN LATERAL (
                SELECT p.id FROM post p
                WHERE p.author_id = a.author_id AND p.id < :before
                ORDER BY p.id DESC
                LIMIT :limit) AS t
            ORDER BY t.id DESC
            LIMIT :limit""";

    @Autowired
    HomeTimeline timeline;

    @Autowired
    JdbcClient db;

    @Autowired
    DataSource dataSource;

    /**
     * Authors 0..2499: 0..999 followed (0..499 of them muted), 1000..1499 blocked by the reader,
     * 1500..1999 blocking the reader, 2000..2499 strangers. Every tenth post of a followed author
     * reposts a post of a hidden author.
     */
    @BeforeAll
    static void seed(@Autowired JdbcClient db) {
        db.sql("""
                INSERT INTO post (id, author_id, content, created_at)
                SELECT (lpad(to_hex(1710000000000 + g::bigint * 60000), 12, '0') || '7000' || '9'
                        || substr(md5(g::text), 1, 15))::uuid,
                       md5('hidden-author' || (g % 2500))::uuid,
                       'post number ' || g,
                       to_timestamp((1710000000000 + g::bigint * 60000) / 1000.0)
                FROM generate_series(1, :posts) AS g
                ON CONFLICT DO NOTHING""").param("posts", POSTS).update();
        // reposts by followed, unmuted authors (500..999) of posts by blocked and blocking authors
        db.sql("""
                INSERT INTO post (id, author_id, content, created_at, repost_of_id, repost_of_author_id)
                SELECT (lpad(to_hex(1710000000000 + g::bigint * 60000 + 1), 12, '0') || '7000' || 'a'
                        || substr(md5(g::text), 1, 15))::uuid,
                       md5('hidden-author' || (500 + g % 500))::uuid,
                       '',
                       to_timestamp((1710000000000 + g::bigint * 60000 + 1) / 1000.0),
                       (lpad(to_hex(1710000000000 + g::bigint * 60000), 12, '0') || '7000' || '9'
                        || substr(md5(g::text), 1, 15))::uuid,
                       md5('hidden-author' || (g % 2500))::uuid
                FROM generate_series(1, :posts) AS g
                WHERE g % 2500 BETWEEN 1000 AND 1999 AND g % 10 = 0
                ON CONFLICT DO NOTHING""").param("posts", POSTS).update();
        db.sql("""
                INSERT INTO followed (follower_id, followee_id)
                SELECT :reader, md5('hidden-author' || a)::uuid FROM generate_series(0, :followed - 1) AS a
                ON CONFLICT DO NOTHING""").param("reader", READER).param("followed", FOLLOWED).update();
        db.sql("""
                INSERT INTO followed (follower_id, followee_id)
                SELECT md5('other-follower' || g)::uuid, md5('other-followee' || g)::uuid
                FROM generate_series(1, 100000) AS g
                ON CONFLICT DO NOTHING""").update();
        db.sql("""
                INSERT INTO user_mute (muter_id, muted_id, active, version)
                SELECT :reader, md5('hidden-author' || a)::uuid, true, 1 FROM generate_series(0, :muted - 1) AS a
                ON CONFLICT DO NOTHING""").param("reader", READER).param("muted", MUTED).update();
        db.sql("""
                INSERT INTO user_block (blocker_id, blocked_id, active, version)
                SELECT :reader, md5('hidden-author' || a)::uuid, true, 1
                FROM generate_series(1000, 999 + :blocked) AS a
                ON CONFLICT DO NOTHING""").param("reader", READER).param("blocked", BLOCKED).update();
        db.sql("""
                INSERT INTO user_block (blocker_id, blocked_id, active, version)
                SELECT md5('hidden-author' || a)::uuid, :reader, true, 1
                FROM generate_series(1500, 1499 + :blocking) AS a
                ON CONFLICT DO NOTHING""").param("reader", READER).param("blocking", BLOCKING).update();
        // the follows and lists of 100,000 other users, so that the reader's are a small part of the tables, as they
        // would be
        db.sql("""
                INSERT INTO user_block (blocker_id, blocked_id, active, version)
                SELECT md5('other-blocker' || g)::uuid, md5('other-blocked' || g)::uuid, g % 10 <> 0, 1
                FROM generate_series(1, 100000) AS g
                ON CONFLICT DO NOTHING""").update();
        db.sql("""
                INSERT INTO followed (follower_id, followee_id)
                SELECT md5('other-follower' || g)::uuid, md5('other-followee' || g)::uuid
                FROM generate_series(1, 100000) AS g
                ON CONFLICT DO NOTHING""").update();
        db.sql("""
                INSERT INTO user_mute (muter_id, muted_id, active, version)
                SELECT md5('other-muter' || g)::uuid, md5('other-muted' || g)::uuid, g % 10 <> 0, 1
                FROM generate_series(1, 100000) AS g
                ON CONFLICT DO NOTHING""").update();
        for (String table : List.of("post", "followed", "user_block", "user_mute")) {
            db.sql("VACUUM ANALYZE " + table).update();
        }
    }

    @Test
    void aPageLeavesOutEveryHiddenAuthorOnAnIndexDrivenPlan() {
        List<UUID> hidden = new ArrayList<>();
        for (int a = 0; a < 2000; a++) {
            if (a < MUTED || a >= FOLLOWED) {
                hidden.add(author(a));
            }
        }
        PostPage first = timeline.page(new GetHomeTimelineRequest(READER, 20, null));
        PostPage second = timeline.page(new GetHomeTimelineRequest(READER, 20, first.nextCursor()));

        for (Post post : concat(first.items(), second.items())) {
            assertThat(hidden).doesNotContain(post.authorId());
            if (post.repostOf() != null) {
                assertThat(hidden).doesNotContain(post.repostOf().authorId());
            }
        }
        assertThat(first.items()).hasSize(20);
        String plan = String.join(
                "\n",
                db.sql("EXPLAIN (ANALYZE, BUFFERS) " + HomeTimeline.PAGE_IDS)
                        .param("caller", READER)
                        .param("before", new UUID(-1L, -1L))
                        .param("limit", 21)
                        .query(String.class)
                        .list());
        System.out.println("home timeline page plan, " + FOLLOWED + " followed, " + MUTED + " muted, " + BLOCKED
                + " blocked, blocked by " + BLOCKING + ":\n" + plan);
        assertThat(plan).contains("Index Only Scan using post_author_newest").doesNotContain("Seq Scan");

        // the plan of the prepared statement once Postgres switches to its generic plan (no parameter values)
        String generic = genericPlan();
        System.out.println("the same, generic plan:\n" + generic);
        assertThat(generic).contains("Index Only Scan using post_author_newest").doesNotContain("Seq Scan");

        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            timeline.page(new GetHomeTimelineRequest(READER, 20, first.nextCursor())); // warm-up
        }
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            timeline.page(new GetHomeTimelineRequest(READER, 20, i % 2 == 0 ? null : first.nextCursor()));
            micros.add((System.nanoTime() - start) / 1_000);
        }
        Collections.sort(micros);
        // the ids query alone, with and without the lists, interleaved so that a busy machine slows both alike
        List<Long> with = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            with.add(idsQueryMicros(HomeTimeline.PAGE_IDS));
            without.add(idsQueryMicros(PAGE_IDS_WITHOUT_LISTS));
        }
        Collections.sort(with);
        Collections.sort(without);
        System.out.printf(
                "home timeline ids query, medians of 100 interleaved runs: %.2f ms with the block and mute lists,"
                        + " %.2f ms for the query without them%n",
                with.get(50) / 1000.0, without.get(50) / 1000.0);
        System.out.printf(
                "home timeline page with %d blocks+mutes (ids query + load of 20 posts): median %.2f ms, p95 %.2f ms%n",
                MUTED + BLOCKED + BLOCKING,
                micros.get(micros.size() / 2) / 1000.0,
                micros.get(micros.size() * 95 / 100) / 1000.0);
    }

    private long idsQueryMicros(String sql) {
        long start = System.nanoTime();
        db.sql(sql)
                .param("caller", READER)
                .param("before", new UUID(-1L, -1L))
                .param("limit", 21)
                .query(UUID.class)
                .list();
        return (System.nanoTime() - start) / 1_000;
    }

    private String genericPlan() {
        String sql = HomeTimeline.PAGE_IDS
                .replace(":caller", "$1")
                .replace(":before", "$2")
                .replace(":limit", "$3");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE page_ids (uuid, uuid, int) AS " + sql);
            List<String> lines = new ArrayList<>();
            try (ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE page_ids ('" + READER
                    + "', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 21)")) {
                while (plan.next()) {
                    lines.add(plan.getString(1));
                }
            }
            statement.execute("DEALLOCATE page_ids");
            statement.execute("RESET plan_cache_mode");
            return String.join("\n", lines);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Post> concat(List<Post> one, List<Post> other) {
        List<Post> all = new ArrayList<>(one);
        all.addAll(other);
        return all;
    }

    private UUID author(int a) {
        return db.sql("SELECT md5('hidden-author' || ?)::uuid")
                .param(a)
                .query(UUID.class)
                .single();
    }
}
