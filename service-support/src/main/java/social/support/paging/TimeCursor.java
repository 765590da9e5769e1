package social.support.paging;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.jdbc.core.simple.JdbcClient;

import social.support.error.ServiceException;

/**
 * Where a page of a newest-first list of (time, user) pairs ends: the last item's time and user
 * id, opaque to clients (followers by follow time, likers by like time). Lists order by
 * {@code (created_at, user_id) DESC}, so ties in time page correctly.
 */
public record TimeCursor(Instant createdAt, UUID userId) {
    /** Before the first page: after every item there is. */
    public static final TimeCursor START = new TimeCursor(Instant.parse("9999-12-31T00:00:00Z"), new UUID(-1L, -1L));

    /** The cursor a client sent, or {@link #START} for none. */
    public static TimeCursor parse(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return START;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new TimeCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ServiceException.invalid("cursor", "is not a cursor of this list");
        }
    }

    /**
     * One page of a newest-first list of users: runs {@code query} (which selects {@code user_id}
     * and {@code created_at}, ordered {@code (created_at, user_id) DESC}, and has the parameters
     * {@code :after}, {@code :afterId} and {@code :limit}) for one more row than the page holds,
     * to learn whether another page follows.
     */
    public static <P> P page(
            JdbcClient.StatementSpec query, String cursor, int limit, BiFunction<List<UUID>, String, P> toPage) {
        TimeCursor after = parse(cursor);
        List<TimeCursor> rows = query.param("after", Timestamp.from(after.createdAt()))
                .param("afterId", after.userId())
                .param("limit", limit + 1)
                .query((rs, i) ->
                        new TimeCursor(rs.getTimestamp("created_at").toInstant(), rs.getObject("user_id", UUID.class)))
                .list();
        List<TimeCursor> page = rows.subList(0, Math.min(limit, rows.size()));
        String next = rows.size() > limit ? page.get(page.size() - 1).encode() : null;
        return toPage.apply(page.stream().map(TimeCursor::userId).toList(), next);
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((createdAt + "|" + userId).getBytes(StandardCharsets.UTF_8));
    }
}
