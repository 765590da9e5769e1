package social.gateway.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import social.gateway.GatewayProperties;
import social.gateway.security.AuthenticatedUser;
import social.gateway.web.ProblemCode;
import social.gateway.web.Problems;
import social.gateway.web.RequestPaths;
import social.support.net.ClientAddress;

/**
 * A token bucket per signed-in user, or per client address (an IPv6 one by its /64) for
 * anonymous callers; an empty
 * bucket answers 429 with {@code Retry-After}. Every answer tells the caller its budget
 * ({@link RateLimitHeaders}): the bucket's size, the tokens left after this request and the
 * seconds until it is full again. Runs after the security filter chain, so the caller is known.
 * Buckets live in this instance, bounded in number (least recently used go).
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {
    /** The numbers the headers carry, as text made once: no allocation per request for a usual budget. */
    private static final int CACHED_NUMBERS = 65_536;

    private final Budget signedIn;
    private final Budget anonymous;
    private final String[] numbers;
    private final Problems problems;
    private final Map<String, Bucket> buckets;

    /** A bucket's size and refill, and its size as the {@code RateLimit-Limit} header says it. */
    private record Budget(long capacity, long perSecond, String limitHeader) {
        Budget(long capacity, long perSecond) {
            this(Math.max(1, capacity), Math.max(1, perSecond), Long.toString(Math.max(1, capacity)));
        }

        /** Whole seconds until a bucket with {@code remaining} tokens is full again. */
        long secondsUntilFull(long remaining) {
            long missing = Math.max(0, capacity - remaining);
            return (missing + perSecond - 1) / perSecond;
        }
    }

    RateLimitFilter(GatewayProperties properties, Problems problems) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        this.signedIn = new Budget(limits.burst(), limits.requestsPerSecond());
        this.anonymous = new Budget(limits.anonymousBurst(), limits.anonymousRequestsPerSecond());
        this.numbers =
                new String[(int) Math.min(CACHED_NUMBERS, Math.max(signedIn.capacity(), anonymous.capacity()) + 1)];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = Integer.toString(i);
        }
        this.problems = problems;
        int max = limits.maxTrackedCallers();
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.isApi(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        AuthenticatedUser user =
                authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser u ? u : null;
        Budget budget = user != null ? signedIn : anonymous;
        ConsumptionProbe probe = bucketOf(user, request, budget).tryConsumeAndReturnRemaining(1);
        long remaining = Math.max(0, probe.getRemainingTokens());
        response.setHeader(RateLimitHeaders.LIMIT, budget.limitHeader());
        response.setHeader(RateLimitHeaders.REMAINING, text(remaining));
        response.setHeader(RateLimitHeaders.RESET, text(budget.secondsUntilFull(remaining)));
        if (!probe.isConsumed()) {
            long seconds = Math.max(
                    1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            problems.write(
                    response,
                    ProblemCode.RATE_LIMITED,
                    "Too many requests, slow down.",
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            return;
        }
        chain.doFilter(request, response);
    }

    private String text(long number) {
        return number < numbers.length ? numbers[(int) number] : Long.toString(number);
    }

    private Bucket bucketOf(AuthenticatedUser user, HttpServletRequest request, Budget budget) {
        // an IPv6 client by its /64: rotating addresses within it would otherwise escape the budget
        String key = user != null ? "user:" + user.id() : "address:" + ClientAddress.groupOf(request.getRemoteAddr());
        synchronized (buckets) {
            return buckets.computeIfAbsent(
                    key,
                    ignored -> Bucket.builder()
                            .addLimit(limit -> limit.capacity(budget.capacity())
                                    .refillGreedy(budget.perSecond(), Duration.ofSeconds(1)))
                            .build());
        }
    }
}
