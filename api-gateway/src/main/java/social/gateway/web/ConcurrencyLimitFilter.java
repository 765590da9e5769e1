package social.gateway.web;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import social.gateway.GatewayProperties;

/**
 * Load shedding: at most {@code social.gateway.max-concurrent-requests} API requests are in
 * progress in this instance; beyond, 503 with Retry-After at once. Without a bound, an overload
 * (a cold start, a slow service) queues requests until every one of them times out and the heap
 * runs out; with it, the admitted requests stay fast and the rest can retry. Health checks and
 * the long-lived notification streams do not count.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ConcurrencyLimitFilter extends OncePerRequestFilter {
    static final String STREAM_PATH = "/api/notifications/stream";

    private final Semaphore permits;
    private final Problems problems;

    ConcurrencyLimitFilter(GatewayProperties properties, Problems problems) {
        this.permits = new Semaphore(properties.maxConcurrentRequests());
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestPaths.isApi(request) || RequestPaths.canonical(request).equals(STREAM_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            problems.write(
                    response,
                    ProblemCode.SERVICE_UNAVAILABLE,
                    "The service is busy; try again shortly.",
                    Map.of(HttpHeaders.RETRY_AFTER, "1"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
