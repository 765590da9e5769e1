package social.support.id;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered ids (UUIDv7, RFC 9562): newer ids sort after older ones, byte for byte, which
 * is how Postgres orders {@code uuid}; so keyset pages ({@code WHERE id < ?}) are stable.
 * Within one millisecond a counter keeps ids from one process increasing.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static long lastMillis;
    private static int counter;

    private Ids() {}

    public static UUID newId() {
        long millis;
        int sequence;
        synchronized (Ids.class) {
            millis = System.currentTimeMillis();
            if (millis <= lastMillis) {
                millis = lastMillis;
                counter++;
                if (counter > 0xFFF) {
                    // 4096 ids in one millisecond: borrow the next millisecond
                    millis = ++lastMillis;
                    counter = RANDOM.nextInt(0x800);
                }
            } else {
                lastMillis = millis;
                counter = RANDOM.nextInt(0x800);
            }
            sequence = counter;
        }
        long high = (millis << 16) | 0x7000L | sequence;
        long low = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
