package social.post.hashtag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.post.GetTagPostsRequest;
import social.contract.post.PostPage;
import social.post.DiscoveryCorpus;
import social.support.testing.Performance;
import social.support.testing.ServiceIntegrationTest;

/**
 * A tag page at 100,000 posts ({@link DiscoveryCorpus}): an index-only range scan of
 * {@code post_hashtag}'s primary key that stops after a page, then the page's load by primary key.
 * The plan is checked in every build; the timing only with {@code -Pbench} ({@link Performance}).
 */
@ServiceIntegrationTest
class TagPagePerformanceIT {
    @Autowired
    TagPages tagPages;

    @Autowired
    JdbcClient db;

    @BeforeAll
    static void seed(@Autowired DataSource dataSource) {
        DiscoveryCorpus.seed(dataSource);
    }

    @Test
    void aTagPageReadsOnlyItsOwnIndexEntries() {
        PostPage first = tagPages.page(new GetTagPostsRequest(null, DiscoveryCorpus.TAG, 20, null));
        assertThat(first.items()).hasSize(20);
        PostPage second = tagPages.page(new GetTagPostsRequest(null, DiscoveryCorpus.TAG, 20, first.nextCursor()));

        String idsPlan = explain(TagPages.PAGE_IDS, new UUID(-1L, -1L));
        String deeperPlan = explain(TagPages.PAGE_IDS, UUID.fromString(first.nextCursor()));
        System.out.println("tag page ids, " + DiscoveryCorpus.POSTS + " posts, first page:\n" + idsPlan);
        System.out.println("tag page ids, second page:\n" + deeperPlan);
        assertThat(second.items()).hasSize(20);
        assertThat(idsPlan)
                .contains("Index Only Scan Backward using post_hashtag_pkey")
                .doesNotContain("Seq Scan");
        assertThat(deeperPlan).contains("post_hashtag_pkey").doesNotContain("Seq Scan");
    }

    @Test
    @Performance
    void aTagPageTakesUnder20Milliseconds() {
        PostPage first = tagPages.page(new GetTagPostsRequest(null, DiscoveryCorpus.TAG, 20, null));
        String cursor = first.nextCursor();
        for (int i = 0; i < 20; i++) {
            tagPages.page(new GetTagPostsRequest(null, DiscoveryCorpus.TAG, 20, cursor)); // warm-up
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            PostPage page = tagPages.page(
                    new GetTagPostsRequest(UUID.randomUUID(), DiscoveryCorpus.TAG, 20, i % 2 == 0 ? null : cursor));
            micros.add((System.nanoTime() - start) / 1_000);
            assertThat(page.items()).hasSize(20);
        }
        Collections.sort(micros);
        long median = micros.get(micros.size() / 2);
        long p95 = micros.get(micros.size() * 95 / 100);
        System.out.printf(
                "tag page (ids query + load of 20 posts), %d posts: median %.2f ms, p95 %.2f ms%n",
                DiscoveryCorpus.POSTS, median / 1000.0, p95 / 1000.0);
        assertThat(median).isLessThan(20_000);
    }

    private String explain(String sql, UUID before) {
        return String.join(
                "\n",
                db.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                        .param("tag", DiscoveryCorpus.TAG)
                        .param("viewer", UUID.randomUUID())
                        .param("before", before)
                        .param("limit", 21)
                        .query(String.class)
                        .list());
    }
}
