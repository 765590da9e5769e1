package social.support.paging;

/**
 * The size of a page a service answers: 1 to 100. The gateway clamps already; services clamp
 * again because any client of the broker may ask them.
 */
public final class PageLimit {
    public static final int MAX = 100;

    private PageLimit() {}

    public static int clamp(int requested) {
        return Math.max(1, Math.min(requested, MAX));
    }
}
