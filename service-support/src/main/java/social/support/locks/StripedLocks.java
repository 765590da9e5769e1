package social.support.locks;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Transaction-scoped advisory locks on a fixed, small number of hash stripes of user ids: writers
 * that create rows for many users hold the stripes of those users shared, and a removal of one
 * user's rows (an erasure, a block) holds its users' stripes exclusively. A removal then waits for
 * the writes in flight that may name its users, and the writes that start after it wait for it and
 * see what it committed (a tombstone, a block) in their next statement's snapshot: nothing such a
 * write creates outlives the removal. Writers never wait for each other, and a fan-out to 10,000
 * users takes at most {@code stripes} locks, in one statement, instead of one lock per user.
 *
 * <p>Deadlock-free if every transaction takes all its shared stripes in one call before it writes
 * (a second call for users whose stripes it holds already is granted at once), and exclusive
 * stripes only through {@link #exclusive}, which takes them in the same (ascending) order.
 */
public final class StripedLocks {
    private final JdbcClient db;
    private final int space;
    private final int stripes;

    /**
     * @param space the key space (first key of Postgres' two-key advisory locks), distinct per use
     * @param stripes how many stripes the users are spread over
     */
    public StripedLocks(JdbcClient db, int space, int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be positive: " + stripes);
        }
        this.db = db;
        this.space = space;
        this.stripes = stripes;
    }

    /** Holds the stripes of {@code users} shared until the transaction ends. */
    public void shared(Collection<UUID> users) {
        Integer[] held = stripesOf(users);
        if (held.length == 0) {
            return;
        }
        // in ascending order, in one round trip: the sorted subquery feeds the calls in its order
        db.sql("""
                        SELECT count(*) FROM (
                            SELECT pg_advisory_xact_lock_shared(?, s.stripe)
                            FROM (SELECT unnest(?::int[]) AS stripe ORDER BY 1) s) locked""").params(space, held).query().singleValue();
    }

    /** Holds the stripes of {@code users} exclusively until the transaction ends (ascending order). */
    public void exclusive(UUID... users) {
        for (Integer stripe : stripesOf(Arrays.asList(users))) {
            db.sql("SELECT pg_advisory_xact_lock(?, ?)")
                    .params(space, stripe)
                    .query()
                    .singleValue();
        }
    }

    int stripeOf(UUID user) {
        return Math.floorMod(user.hashCode(), stripes);
    }

    private Integer[] stripesOf(Collection<UUID> users) {
        return users.stream()
                .filter(Objects::nonNull)
                .map(this::stripeOf)
                .distinct()
                .sorted()
                .toArray(Integer[]::new);
    }
}
