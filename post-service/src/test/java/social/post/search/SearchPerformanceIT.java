package social.post.search;

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

import social.contract.post.PostPage;
import social.contract.post.SearchPostsRequest;
import social.post.DiscoveryCorpus;
import social.post.text.PostText;
import social.support.testing.Performance;
import social.support.testing.ServiceIntegrationTest;

/**
 * Search at 100,000 posts ({@link DiscoveryCorpus}): a common word (12,500 matches), a rare one
 * (100), a word with a tag (100 of the tag's 200 posts), and a mention alone (333). Every plan reads an index (the GIN index, or a
 * primary key newest first that stops after a page), never the whole post table. The plans are
 * checked in every build; the timings only with {@code -Pbench} ({@link Performance}).
 */
@ServiceIntegrationTest
class SearchPerformanceIT {
    static final List<String> QUERIES = List.of(
            DiscoveryCorpus.COMMON_WORD,
            DiscoveryCorpus.RARE_WORD,
            DiscoveryCorpus.TAGGED_WORD + " #" + DiscoveryCorpus.TAG,
            "@" + DiscoveryCorpus.MENTIONED);

    @Autowired
    PostSearch search;

    @Autowired
    JdbcClient db;

    @BeforeAll
    static void seed(@Autowired DataSource dataSource) {
        DiscoveryCorpus.seed(dataSource);
    }

    @Test
    void everySearchReadsAnIndexNotTheWholeTable() {
        for (String query : QUERIES) {
            PostPage first = search.page(new SearchPostsRequest(null, query, 20, null));
            assertThat(first.items()).as(query).hasSize(20);
            String plan = explain(query, new UUID(-1L, -1L));
            String deeper = explain(query, UUID.fromString(first.nextCursor()));
            System.out.println("search \"" + query + "\", " + DiscoveryCorpus.POSTS + " posts, first page:\n" + plan);
            System.out.println("search \"" + query + "\", second page:\n" + deeper);
            assertThat(plan).as(query).doesNotContain("Seq Scan");
            assertThat(deeper).as(query).doesNotContain("Seq Scan");
        }
    }

    @Test
    void wordsStemsTagsAndMentionsFindWhatTheyShould() {
        PostPage rare = search.page(new SearchPostsRequest(null, "WORD42 rabbit", 100, null));
        // word42 is in posts g % 1000 = 42, rabbits in g % 8 = 1: none is both
        assertThat(rare.items()).isEmpty();
        PostPage tagged = search.page(new SearchPostsRequest(null, "java #tag44", 100, null));
        // tag44: g % 500 = 44, java: g % 8 = 4: every post of tag44 (g = 44 + 500k is 4 mod 8 for even k)
        assertThat(tagged.items()).hasSize(100);
        assertThat(tagged.items())
                .allSatisfy(post -> assertThat(post.hashtags()).containsExactly("tag44"));
    }

    @Test
    @Performance
    void aSearchPageTakesUnder50Milliseconds() {
        for (String query : QUERIES) {
            String cursor =
                    search.page(new SearchPostsRequest(null, query, 20, null)).nextCursor();
            for (int i = 0; i < 20; i++) {
                search.page(new SearchPostsRequest(null, query, 20, cursor)); // warm-up
            }
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long start = System.nanoTime();
                PostPage page =
                        search.page(new SearchPostsRequest(UUID.randomUUID(), query, 20, i % 2 == 0 ? null : cursor));
                micros.add((System.nanoTime() - start) / 1_000);
                assertThat(page.items()).hasSize(20);
            }
            Collections.sort(micros);
            long median = micros.get(micros.size() / 2);
            long p95 = micros.get(micros.size() * 95 / 100);
            System.out.printf(
                    "search \"%s\" (ids query + load of 20 posts), %d posts: median %.2f ms, p95 %.2f ms%n",
                    query, DiscoveryCorpus.POSTS, median / 1000.0, p95 / 1000.0);
            assertThat(median).as(query).isLessThan(50_000);
        }
    }

    private String explain(String query, UUID before) {
        PostText.Parsed terms = PostText.parse(query);
        PostSearch.Query sql =
                PostSearch.Query.of(terms.words().isBlank() ? null : terms.words(), terms.hashtags(), terms.mentions());
        JdbcClient.StatementSpec statement = db.sql("EXPLAIN (ANALYZE, BUFFERS) " + sql.text())
                .param("before", before)
                .param("limit", 21)
                .param("viewer", UUID.randomUUID());
        for (var parameter : sql.parameters().entrySet()) {
            statement = statement.param(parameter.getKey(), parameter.getValue());
        }
        return String.join("\n", statement.query(String.class).list());
    }
}
