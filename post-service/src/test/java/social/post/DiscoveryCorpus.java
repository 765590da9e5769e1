package social.post;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * 100,000 posts for the tag page and search measurements, written straight into the tables as
 * post-service would: each post of 2,000 authors has one of 500 tags (200 posts each), mentions
 * one of 300 users, one of 8 common words (12,500 posts each) and one of 1,000 rare ones (100
 * posts each). The tables hold these posts only (whatever other tests wrote is truncated first),
 * so that the numbers are at 100,000 posts.
 */
public final class DiscoveryCorpus {
    public static final int POSTS = 100_000;
    public static final String COMMON_WORD = "rabbits";
    public static final String RARE_WORD = "word42";
    public static final String TAG = "tag42";
    /** Half of {@link #TAG}'s posts have this word (g % 500 = 42 and g % 8 = 6). */
    public static final String TAGGED_WORD = "postgres";

    public static final String MENTIONED = "user42";

    private DiscoveryCorpus() {}

    /**
     * Seeds on one connection of {@code dataSource} without the service's statement and socket timeouts: writing
     * 100,000 posts and their indexes is set-up, not a measured query, and takes about the 5 s a service
     * statement may take on a busy two-core machine.
     */
    public static void seed(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setNetworkTimeout(Runnable::run, 0);
            try (Statement sql = connection.createStatement()) {
                sql.execute("SET statement_timeout = 0");
            }
            try {
                seed(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
            } finally {
                try (Statement sql = connection.createStatement()) {
                    sql.execute("RESET statement_timeout");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed the discovery corpus", e);
        }
    }

    private static void seed(JdbcClient db) {
        // trending_count with hashtag_author_hour: a TRUNCATE fires no trigger to keep the counts
        db.sql("TRUNCATE post, post_hashtag, post_mention, hashtag_author_hour, trending_count CASCADE")
                .update();
        // time-ordered ids as UUIDv7 would make them (48 bits of milliseconds first), one a minute
        db.sql("""
                INSERT INTO post (id, author_id, content, created_at, hashtags)
                SELECT (lpad(to_hex(1600000000000 + g::bigint * 60000), 12, '0') || '7000' || '8'
                        || substr(md5(g::text), 1, 15))::uuid,
                       md5('discovery-author' || (g % 2000))::uuid,
                       'post number ' || g || ' about '
                           || (ARRAY['rabbits', 'summer', 'autumn', 'winter', 'java', 'kotlin', 'postgres', 'broker'])[1 + g % 8]
                           || ' and word' || (g % 1000) || ' #tag' || (g % 500) || ' for @user' || (g % 300),
                       to_timestamp((1600000000000 + g::bigint * 60000) / 1000.0),
                       ARRAY['tag' || (g % 500)]
                FROM generate_series(1, :posts) AS g""").param("posts", POSTS).update();
        db.sql("INSERT INTO post_hashtag (tag, post_id) SELECT hashtags[1], id FROM post")
                .update();
        db.sql("""
                INSERT INTO post_mention (username, post_id)
                SELECT substring(content FROM '@(user[0-9]+)$'), id FROM post""").update();
        db.sql("VACUUM ANALYZE post").update();
        db.sql("VACUUM ANALYZE post_hashtag").update();
        db.sql("VACUUM ANALYZE post_mention").update();
    }
}
