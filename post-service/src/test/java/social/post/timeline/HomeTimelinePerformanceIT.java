package social.post.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.post.GetHomeTimelineRequest;
import social.contract.post.PostPage;
import social.support.testing.Performance;
import social.support.testing.ServiceIntegrationTest;

/**
 * The budget: with 1,000 followed accounts and 100,000 posts, one home-timeline page
 * costs under 20 ms at post-service, on an index-driven plan. Half the posts are by accounts the
 * reader does not follow, so a plan that walked all posts newest first would show. The plan is
 * checked in every build; the timing only with {@code -Pbench} ({@link Performance}).
 */
@ServiceIntegrationTest
class HomeTimelinePerformanceIT {
    static final UUID READER = UUID.fromString("00000000-0000-7000-8000-00000000beef");
    static final int FOLLOWED = 1_000;
    static final int AUTHORS = 2_000;
    static final int POSTS = 100_000;

    @Autowired
    HomeTimeline timeline;

    @Autowired
    JdbcClient db;

    /** Time-ordered ids as UUIDv7 would make them: 48 bits of milliseconds first. */
    @BeforeAll
    static void seed(@Autowired JdbcClient db) {
        db.sql("""
                INSERT INTO post (id, author_id, content, created_at)
                SELECT (lpad(to_hex(1700000000000 + g::bigint * 60000), 12, '0') || '7000' || '8'
                        || substr(md5(g::text), 1, 15))::uuid,
                       md5('author' || (g % :authors))::uuid,
                       'post number ' || g,
                       to_timestamp((1700000000000 + g::bigint * 60000) / 1000.0)
                FROM generate_series(1, :posts) AS g""").param("authors", AUTHORS).param("posts", POSTS).update();
        db.sql("""
                INSERT INTO followed (follower_id, followee_id)
                SELECT :reader, md5('author' || a)::uuid FROM generate_series(0, :followed - 1) AS a""").param("reader", READER).param("followed", FOLLOWED).update();
        db.sql("VACUUM ANALYZE post").update();
        db.sql("VACUUM ANALYZE followed").update();
    }

    @Test
    void aPageOfTheHomeTimelineUsesTheAuthorIndex() {
        PostPage first = timeline.page(new GetHomeTimelineRequest(READER, 20, null));
        assertThat(first.items()).hasSize(20);

        String plan = String.join(
                "\n",
                db.sql("EXPLAIN (ANALYZE, BUFFERS) " + HomeTimeline.PAGE_IDS)
                        .param("caller", READER)
                        .param("before", new UUID(-1L, -1L))
                        .param("limit", 21)
                        .query(String.class)
                        .list());
        System.out.println("home timeline page plan, " + FOLLOWED + " followed, " + POSTS + " posts:\n" + plan);
        assertThat(plan).contains("post_author_newest").doesNotContain("Seq Scan on post");
    }

    /**
     * The newest posts are the ones every timeline reads: autovacuum marks their pages all-visible
     * (so the index-only scans above stay off the heap) after a fixed number of new posts, not
     * after new rows worth 20 % of the table (V10).
     */
    @Test
    void newPostsAreVacuumedAfterAFixedNumberWhateverTheTableSize() {
        List<String> options = db.sql("SELECT unnest(reloptions) FROM pg_class WHERE oid = 'post'::regclass")
                .query(String.class)
                .list();
        assertThat(options)
                .contains("autovacuum_vacuum_insert_scale_factor=0", "autovacuum_vacuum_insert_threshold=1000");
    }

    @Test
    @Performance
    void aPageOfTheHomeTimelineTakesUnder20Milliseconds() {
        PostPage first = timeline.page(new GetHomeTimelineRequest(READER, 20, null));
        List<Long> micros = new ArrayList<>();
        String cursor = first.nextCursor();
        for (int i = 0; i < 20; i++) {
            timeline.page(new GetHomeTimelineRequest(READER, 20, cursor)); // warm-up: JIT and connection pool
        }
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            // the first page and deeper pages alike
            PostPage page = timeline.page(new GetHomeTimelineRequest(READER, 20, i % 2 == 0 ? null : cursor));
            micros.add((System.nanoTime() - start) / 1_000);
            assertThat(page.items()).hasSize(20);
        }
        Collections.sort(micros);
        long median = micros.get(micros.size() / 2);
        long p95 = micros.get(micros.size() * 95 / 100);
        System.out.printf(
                "home timeline page (ids query + load of 20 posts): median %.2f ms, p95 %.2f ms%n",
                median / 1000.0, p95 / 1000.0);
        assertThat(median).isLessThan(20_000);
    }
}
