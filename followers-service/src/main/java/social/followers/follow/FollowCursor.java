package social.followers.follow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import social.support.error.ServiceException;

/** Where a follow list page ends: the last follow's time and the other user's id, opaque to clients. */
record FollowCursor(Instant createdAt, UUID userId) {
    /** Before the first page: after every follow there is. */
    static final FollowCursor START = new FollowCursor(Instant.parse("9999-12-31T00:00:00Z"),
            new UUID(-1L, -1L));

    static FollowCursor parse(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new FollowCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ServiceException.invalid("cursor", "is not a cursor of this list");
        }
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + userId).getBytes(StandardCharsets.UTF_8));
    }
}
