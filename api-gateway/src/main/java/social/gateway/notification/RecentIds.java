package social.gateway.notification;

import java.util.UUID;

/**
 * The last {@code capacity} ids remembered, to recognise one seen again: a ring of their bits
 * (16 bytes an id, allocated with the first), looked through from end to end, which is cheap at
 * the few hundred ids of one stream. Not thread-safe: one stream's sender at a time uses it.
 */
final class RecentIds {
    private final int capacity;
    /** Each id as two longs, most significant first. */
    private long[] bits;

    private int size;
    private int next;

    RecentIds(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Remembers the id, forgetting the oldest beyond the capacity; false if it was remembered already. */
    boolean add(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        if (bits == null) {
            bits = new long[2 * capacity];
        }
        for (int i = 0; i < size; i++) {
            if (bits[2 * i] == most && bits[2 * i + 1] == least) {
                return false;
            }
        }
        bits[2 * next] = most;
        bits[2 * next + 1] = least;
        next = (next + 1) % capacity;
        size = Math.min(size + 1, capacity);
        return true;
    }
}
