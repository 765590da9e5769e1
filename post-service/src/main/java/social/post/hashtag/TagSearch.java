package social.post.hashtag;

import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import social.contract.post.MatchingTags;
import social.contract.post.SearchTagsRequest;
import social.contract.post.TagCount;
import social.post.text.PostText;
import social.support.error.Validation;

/**
 * Hashtag autocomplete: the tags used in the last 7 days that start with a prefix (any case), most
 * posts first. Read from the trending counts ({@code hashtag_author_hour}) through their prefix
 * index: a range of tags in byte order, so the cost is the rows of the matching tags in the
 * window, never more than the 7-day trending query reads. A tag not used for 7 days is not
 * suggested. Without a transaction, like every read of post-service.
 */
@Service
class TagSearch {
    static final Duration WINDOW = Duration.ofDays(7);
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 20;
    /** Letters (any script, with their marks), digits and underscores; unlike a tag, a prefix may be all digits. */
    private static final Pattern PREFIX = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_]{1," + PostText.MAX_TAG + "}");
    /** Above every character a tag may hold: the end of a prefix's range in byte (code point) order. */
    private static final String HIGHEST = new String(Character.toChars(Character.MAX_CODE_POINT));

    static final String MATCHING = """
            SELECT tag, sum(posts) AS posts, count(DISTINCT author_id) AS authors
            FROM hashtag_author_hour
            WHERE tag COLLATE "C" >= :from AND tag COLLATE "C" < :to AND hour >= :since AND posts > 0
            GROUP BY tag
            ORDER BY posts DESC, authors DESC, tag
            LIMIT :limit""";

    private final JdbcClient db;

    TagSearch(JdbcClient db) {
        this.db = db;
    }

    MatchingTags search(SearchTagsRequest request) {
        String prefix = request.q() == null ? null : Normalizer.normalize(request.q(), Normalizer.Form.NFC);
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        Validation.start()
                .requireMatch(
                        prefix,
                        PREFIX,
                        "q",
                        "must be 1 to " + PostText.MAX_TAG + " letters, digits or underscores, without '#'")
                .require(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be 1 to " + MAX_LIMIT)
                .orThrow();
        String from = prefix.toLowerCase(Locale.ROOT);
        return new MatchingTags(db.sql(MATCHING)
                .param("from", from)
                .param("to", from + HIGHEST)
                .param("since", Timestamp.from(Trending.since(Instant.now(), WINDOW)))
                .param("limit", limit)
                .query((rs, i) -> new TagCount(rs.getString("tag"), rs.getLong("posts"), rs.getLong("authors")))
                .list());
    }
}
