package social.gateway.edge;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

import social.gateway.ratelimit.RateLimitHeaders;
import social.gateway.web.ProblemCode;
import social.gateway.web.Problems;
import social.gateway.web.RequestPaths;

/**
 * CORS for the API: pages of the origins in {@link CorsProperties} may call it, with the request
 * headers the API reads and the response headers a client needs exposed; credentials (cookies)
 * never. Any other origin gets no CORS header: its preflight and its requests are refused with a
 * problem ({@code CORS_REQUEST_REFUSED}, 403) before anything else runs.
 *
 * <p>Spring's {@link CorsFilter} (what Spring Security's {@code cors()} would insert into its chain),
 * but as the first servlet filter: ahead of load shedding and the body limit, so that their 503 and
 * 413 reach a browser of an allowed origin readable too. A request without an {@code Origin}
 * header (same-origin reads, apps, servers) is not looked at.
 */
@Configuration(proxyBeanMethods = false)
class ApiCors {
    /** Request headers the API reads. */
    static final List<String> ALLOWED_HEADERS =
            List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "Idempotency-Key", "Last-Event-ID");
    /** Response headers a client reads. */
    static final List<String> EXPOSED_HEADERS = List.of(
            HttpHeaders.LOCATION,
            HttpHeaders.RETRY_AFTER,
            RateLimitHeaders.LIMIT,
            RateLimitHeaders.REMAINING,
            RateLimitHeaders.RESET);

    @Bean
    FilterRegistrationBean<Filter> apiCorsFilter(CorsProperties properties, Problems problems) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(properties.allowedOrigins());
        api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        api.setAllowedHeaders(ALLOWED_HEADERS);
        api.setExposedHeaders(EXPOSED_HEADERS);
        api.setAllowCredentials(false);
        api.setMaxAge(properties.maxAge());
        CorsFilter cors = new CorsFilter(request -> RequestPaths.isApi(request) ? api : null);
        cors.setCorsProcessor(new ProblemRefusals(problems));
        // without an Origin header nothing is looked at, not even the once-per-request bookkeeping
        Filter onlyWithOrigin = (request, response, chain) -> {
            if (((HttpServletRequest) request).getHeader(HttpHeaders.ORIGIN) == null) {
                chain.doFilter(request, response);
            } else {
                cors.doFilter(request, response, chain);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(onlyWithOrigin);
        registration.setName("apiCorsFilter");
        // after the request's observation (HIGHEST_PRECEDENCE + 1), before load shedding (+ 5)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Refuses as the rest of the API does: problem+json. */
    private static final class ProblemRefusals extends DefaultCorsProcessor {
        private final Problems problems;

        ProblemRefusals(Problems problems) {
            this.problems = problems;
        }

        @Override
        protected void rejectRequest(ServerHttpResponse response) throws IOException {
            HttpServletResponse servlet = ((ServletServerHttpResponse) response).getServletResponse();
            problems.write(
                    servlet,
                    ProblemCode.CORS_REQUEST_REFUSED,
                    "This cross-origin request is not allowed (its origin, method or headers).",
                    Map.of());
        }
    }
}
