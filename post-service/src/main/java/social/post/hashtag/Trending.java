package social.post.hashtag;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import social.contract.post.GetTrendingTagsRequest;
import social.contract.post.TagCount;
import social.contract.post.TrendingTags;
import social.support.error.Validation;

/**
 * Trending tags: per tag, the distinct authors and the posts of a window, most authors first
 * (a crowd beats one prolific account: a tag counts once per author), then most posts. Read from
 * {@code trending_count}, which a trigger on {@code hashtag_author_hour} keeps exact in the
 * transaction of every post, edit and deletion (migration V12): a read is the first entries of
 * one index range, whatever the window holds. Aggregating the window's rows on every read instead
 * cost seconds at a million rows (issue 26). Counted by whole hours: a window includes the hour it
 * starts in (the 1h window at 10:20 counts the posts since 9:00); a read that finds a window
 * behind the clock moves it on first ({@code trending_roll}).
 */
@Service
class Trending {
    static final String DEFAULT_WINDOW = "24h";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 20;
    static final Map<String, Duration> WINDOWS =
            Map.of("1h", Duration.ofHours(1), "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));
    /** How long counts are kept: the longest window and the hour it starts in. */
    static final Duration RETENTION = Duration.ofDays(7).plusHours(1);

    static final String TOP = """
            SELECT tag, posts, authors
            FROM trending_count
            WHERE window_name = :window AND authors > 0
            ORDER BY authors DESC, posts DESC, tag
            LIMIT :limit""";

    /** Whether a window starts before the hour it should start in now: then it is moved on first. */
    private static final String BEHIND = """
            SELECT EXISTS (
                SELECT FROM trending_window WHERE since < date_trunc('hour', now() - length, 'UTC'))""";

    private final JdbcClient db;

    Trending(JdbcClient db) {
        this.db = db;
    }

    TrendingTags top(GetTrendingTagsRequest request) {
        String window = request.window() == null ? DEFAULT_WINDOW : request.window();
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        Validation.start()
                .require(WINDOWS.containsKey(window), "window", "must be 1h, 24h or 7d")
                .require(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be 1 to " + MAX_LIMIT)
                .orThrow();
        if (db.sql(BEHIND).query(Boolean.class).single()) {
            db.sql("SELECT trending_roll(now())").query(Integer.class).single();
        }
        return new TrendingTags(db.sql(TOP)
                .param("window", window)
                .param("limit", limit)
                .query((rs, i) -> new TagCount(rs.getString("tag"), rs.getLong("posts"), rs.getLong("authors")))
                .list());
    }

    /** The first hour a window ending {@code now} counts. */
    static Instant since(Instant now, Duration window) {
        return now.minus(window).truncatedTo(ChronoUnit.HOURS);
    }
}
