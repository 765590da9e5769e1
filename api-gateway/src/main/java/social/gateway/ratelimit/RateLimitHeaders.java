package social.gateway.ratelimit;

/**
 * The rate-limit headers of every rate-limited response, as the IETF httpapi rate-limit header
 * draft names them: the budget ({@value #LIMIT}), what is left of it ({@value #REMAINING}) and the
 * seconds until it is full again ({@value #RESET}).
 */
public final class RateLimitHeaders {
    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";

    private RateLimitHeaders() {}
}
