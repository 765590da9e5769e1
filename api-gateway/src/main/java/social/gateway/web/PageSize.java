package social.gateway.web;

/** The {@code limit} of a list request: 20 when absent, at most 100 (larger is clamped). */
public final class PageSize {
    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    private PageSize() {}

    public static int of(Integer limit) {
        if (limit == null) {
            return DEFAULT;
        }
        if (limit < 1) {
            throw ApiException.badRequest("limit must be at least 1");
        }
        return Math.min(limit, MAX);
    }
}
