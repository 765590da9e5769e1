package social.support.paging;

import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import social.support.error.ServiceException;

/**
 * Keyset paging by a time-ordered id (UUIDv7: newer sorts after older), for lists ordered by
 * their own id ({@code WHERE id < :cursor ORDER BY id DESC}, or {@code >} and ascending): the
 * cursor is the last id of the page, opaque to clients, so paging is stable while new items
 * arrive. Lists ordered by another item's time use {@link TimeCursor}.
 */
public final class IdCursor {
    /** Before the first page of a newest-first list: above every id. */
    public static final UUID NEWEST = new UUID(-1L, -1L);
    /** Before the first page of an oldest-first list: below every id. */
    public static final UUID OLDEST = new UUID(0L, 0L);

    /** The canonical text of a UUID, the only form this class hands out. */
    private static final int CANONICAL_LENGTH = 36;

    private IdCursor() {}

    /**
     * The id a client's cursor stands for, or {@code start} ({@link #NEWEST} or {@link #OLDEST})
     * for none.
     *
     * @throws ServiceException VALIDATION_FAILED for anything but a cursor of this class
     */
    public static UUID parse(String cursor, UUID start) {
        if (cursor == null || cursor.isBlank()) {
            return start;
        }
        try {
            // UUID.fromString takes shortened forms too ("1-2-3-4-5"), which no page ever handed out
            if (cursor.length() == CANONICAL_LENGTH) {
                return UUID.fromString(cursor);
            }
        } catch (IllegalArgumentException e) {
            // not a UUID: refused below
        }
        throw ServiceException.invalid("cursor", "is not a cursor of this list");
    }

    /**
     * The page of the first {@code limit} of {@code rows}, which were queried for
     * {@code limit + 1} to learn whether another page follows: its cursor is the id of the
     * page's last row then, else {@code null}.
     *
     * @param idOf   the id a row is ordered by
     * @param toPage makes the page of the rows and the next cursor
     */
    public static <T, P> P page(
            List<T> rows, int limit, Function<T, UUID> idOf, BiFunction<List<T>, String, P> toPage) {
        List<T> page = rows.subList(0, Math.min(limit, rows.size()));
        String next =
                rows.size() > limit ? idOf.apply(page.get(page.size() - 1)).toString() : null;
        return toPage.apply(page, next);
    }
}
