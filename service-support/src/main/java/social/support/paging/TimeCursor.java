package social.support.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import social.support.error.ServiceException;

/**
 * Where a page of a newest-first list of (time, user) pairs ends: the last item's time and user
 * id, opaque to clients (followers by follow time, likers by like time). Lists order by
 * {@code (created_at, user_id) DESC}, so ties in time page correctly.
 */
public record TimeCursor(Instant createdAt, UUID userId) {
    /** Before the first page: after every item there is. */
    public static final TimeCursor START = new TimeCursor(Instant.parse("9999-12-31T00:00:00Z"),
            new UUID(-1L, -1L));

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

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + userId).getBytes(StandardCharsets.UTF_8));
    }
}
