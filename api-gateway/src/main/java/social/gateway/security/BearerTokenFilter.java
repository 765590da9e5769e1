package social.gateway.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import social.gateway.web.ProblemCode;
import social.gateway.web.Problems;
import social.gateway.web.RequestPaths;
import social.support.net.ClientAddress;

/**
 * Reads the bearer token (the {@code Authorization} header, or {@code access_token} on the
 * notification stream, which browsers' EventSource cannot give headers) and, if there is one,
 * verifies it. A present but invalid token is a 401 on every endpoint, even those open to
 * anonymous callers; no token leaves the caller anonymous. An address that presented too many
 * invalid tokens is answered 429 before its next unknown one is verified ({@link InvalidTokenThrottle}).
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    static final String STREAM_PATH = "/api/notifications/stream";
    /**
     * Endpoints open to anyone that never look at a caller: a stale access token a client sends
     * along out of habit must not keep it from refreshing or logging in again.
     */
    private static final Set<String> TOKENLESS = Set.of("/api/auth/register", "/api/auth/login", "/api/auth/refresh");

    private final AccessTokenVerifier verifier;
    private final InvalidTokenThrottle throttle;
    private final Problems problems;

    BearerTokenFilter(AccessTokenVerifier verifier, InvalidTokenThrottle throttle, Problems problems) {
        this.verifier = verifier;
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return TOKENLESS.contains(RequestPaths.canonical(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token;
        try {
            token = tokenOf(request);
        } catch (IllegalArgumentException e) {
            problems.unauthorized(response, e.getMessage());
            return;
        }
        if (token != null) {
            // an IPv6 client by its /64, as every per-address limit
            String address = ClientAddress.groupOf(request.getRemoteAddr());
            OptionalLong wait = throttle.refusal(address);
            if (wait.isPresent() && !verifier.alreadyVerified(token)) {
                problems.write(
                        response,
                        ProblemCode.TOO_MANY_INVALID_TOKENS,
                        "Too many invalid access tokens from this address, slow down.",
                        Map.of(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong())));
                return;
            }
            try {
                AuthenticatedUser user = verifier.verify(token);
                SecurityContextHolder.getContext()
                        .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of()));
            } catch (AccessTokenVerifier.InvalidTokenException e) {
                throttle.invalidTokenFrom(address);
                problems.unauthorized(response, e.getMessage());
                return;
            } catch (AccessTokenVerifier.KeysUnavailableException e) {
                problems.write(
                        response,
                        ProblemCode.SERVICE_UNAVAILABLE,
                        "Access tokens cannot be verified right now, try again shortly.",
                        Map.of(HttpHeaders.RETRY_AFTER, "5"));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String tokenOf(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
                return header.substring(7).strip();
            }
            throw new IllegalArgumentException("the Authorization header must be 'Bearer <accessToken>'");
        }
        if (STREAM_PATH.equals(RequestPaths.canonical(request))) {
            return request.getParameter("access_token");
        }
        return null;
    }
}
