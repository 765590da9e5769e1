package social.support.management;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Guards the actuator (issue 26, item 8; docs/security.md, "Management endpoints"), in this order:
 *
 * <ol>
 *   <li>the Host must be a name of {@link ManagementAccessProperties#allowedHosts()} or an address literal,
 *       else 421: DNS rebinding (a page whose name now resolves to 127.0.0.1) reads nothing;
 *   <li>a write that a browser sends for a page (an {@code Origin}, or {@code Sec-Fetch-Site} other than
 *       {@code none}) is 403, token or not: the actuator has no page of its own;
 *   <li>health and the Prometheus scrape are open to reads (probes and Prometheus present no credential);
 *   <li>anything else needs the operator's token, compared in constant time, else 401; with no token
 *       configured, 401 for everyone. What passes no longer carries the token.
 * </ol>
 *
 * <p>On a management port of its own every path is the actuator's; sharing the application's port, only
 * the actuator's base path is guarded (the gateway's public API has its own rules).
 */
public final class ManagementAccessFilter extends HttpFilter {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+(%[0-9a-zA-Z._~-]+)?]");

    private final byte[] tokenDigest;
    private final Set<String> allowedHosts;
    private final String basePath;
    private final boolean ownPort;

    /**
     * @param basePath the actuator's base path ({@code management.endpoints.web.base-path}, e.g.
     *                 {@code /actuator})
     * @param ownPort  whether the actuator has a port of its own (everything on it is guarded)
     */
    public ManagementAccessFilter(ManagementAccessProperties properties, String basePath, boolean ownPort) {
        this.tokenDigest = properties.hasToken() ? digest(properties.token()) : null;
        this.allowedHosts = properties.allowedHosts().stream()
                .map(ManagementAccessFilter::normalized)
                .filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        this.ownPort = ownPort;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the servlet path is decoded and normalized (no "..", no ";params"): what the endpoint mapping sees
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean actuator = path.equals(basePath) || path.startsWith(basePath + "/");
        if (!ownPort && !actuator) {
            chain.doFilter(request, response);
            return;
        }
        if (!hostAllowed(request.getHeader("Host"))) {
            refuse(response, 421, "Misdirected Request", "HTTP_ERROR", "This host name is not served here.");
            return;
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read && fromAPage(request)) {
            refuse(response, 403, "Forbidden", "FORBIDDEN", "A management operation cannot come from a web page.");
            return;
        }
        if (read && actuator && open(path.substring(basePath.length()))) {
            chain.doFilter(request, response);
            return;
        }
        if (!authorized(request.getHeader("Authorization"))) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"management\"");
            refuse(
                    response,
                    401,
                    "Unauthorized",
                    "UNAUTHENTICATED",
                    "This management endpoint needs the operator's token (Authorization: Bearer).");
            return;
        }
        // the operator's token is spent here: the application's own authentication (the gateway reads any
        // bearer token as an access token of its users) must not see it and refuse it as one
        chain.doFilter(withoutAuthorization(request), response);
    }

    private static HttpServletRequest withoutAuthorization(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return isAuthorization(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return isAuthorization(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(name -> !isAuthorization(name))
                        .toList());
            }

            private static boolean isAuthorization(String name) {
                return "Authorization".equalsIgnoreCase(name);
            }
        };
    }

    /** Health (with its probe groups) and the scrape: what probes and Prometheus read without a credential. */
    static boolean open(String endpointPath) {
        return endpointPath.equals("/health")
                || endpointPath.startsWith("/health/")
                || endpointPath.equals("/prometheus");
    }

    boolean hostAllowed(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = normalized(hostHeader);
        return allowedHosts.contains(host)
                || IPV4.matcher(host).matches()
                || IPV6.matcher(host).matches();
    }

    /** Lower case, without the port and a final dot: {@code LocalHost.:8081} → {@code localhost}. */
    static String normalized(String host) {
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            value = end < 0 ? value : value.substring(0, end + 1);
        } else {
            int colon = value.indexOf(':');
            value = colon < 0 ? value : value.substring(0, colon);
        }
        return value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
    }

    /** A browser adds these to what a page sends; an operator's curl sends neither. */
    static boolean fromAPage(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        return request.getHeader("Origin") != null || (site != null && !site.equalsIgnoreCase("none"));
    }

    boolean authorized(String authorization) {
        if (tokenDigest == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String presented = authorization.substring(7).strip();
        // digests of equal length, compared in constant time: the time says nothing of the token
        return !presented.isEmpty() && MessageDigest.isEqual(tokenDigest, digest(presented));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refuse(HttpServletResponse response, int status, String title, String code, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream()
                .write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                                + detail + "\",\"code\":\"" + code + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
