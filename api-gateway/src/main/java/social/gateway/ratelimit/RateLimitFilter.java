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

/**
 * A token bucket per signed-in user, or per client address for anonymous callers; an empty
 * bucket answers 429 with {@code Retry-After}. Runs inside the security filter chain, so the
 * caller is known. Buckets live in this instance, bounded in number (least recently used go).
 */
@Component
class RateLimitFilter extends OncePerRequestFilter {
    private final GatewayProperties.RateLimit limits;
    private final Problems problems;
    private final Map<String, Bucket> buckets;

    RateLimitFilter(GatewayProperties properties, Problems problems) {
        this.limits = properties.rateLimit();
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
        ConsumptionProbe probe = bucketOf(request).tryConsumeAndReturnRemaining(1);
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

    private Bucket bucketOf(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = authentication != null && authentication.getPrincipal() instanceof AuthenticatedUser;
        String key = signedIn
                ? "user:" + ((AuthenticatedUser) authentication.getPrincipal()).id()
                : "address:" + request.getRemoteAddr();
        long perSecond = signedIn ? limits.requestsPerSecond() : limits.anonymousRequestsPerSecond();
        long burst = signedIn ? limits.burst() : limits.anonymousBurst();
        synchronized (buckets) {
            return buckets.computeIfAbsent(
                    key,
                    ignored -> Bucket.builder()
                            .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                            .build());
        }
    }
}
