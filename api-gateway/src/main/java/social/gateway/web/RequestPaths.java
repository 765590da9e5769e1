package social.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UriUtils;

/**
 * The one path every filter decides by. Routing matches the decoded path without path parameters
 * ({@code /%61pi/auth/register;x=1} reaches {@code /api/auth/register}), while
 * {@link HttpServletRequest#getRequestURI()} is the raw text: a filter that compared the raw text
 * could be walked around by spelling the same route differently. Here each segment is
 * percent-decoded once (as routing does), {@code ;parameters} are dropped, empty and {@code .}
 * segments go, {@code ..} is resolved and the result is lower-cased, so that a decision errs
 * towards applying a limit, never towards skipping it.
 */
public final class RequestPaths {
    private static final String API_PREFIX = "/api/";

    private RequestPaths() {}

    /** The request's path within the application, canonical as described above. */
    public static String canonical(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        return canonical(
                contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)
                        ? uri.substring(contextPath.length())
                        : uri);
    }

    /** Whether the request is for the API (and not for health checks or the API docs). */
    public static boolean isApi(HttpServletRequest request) {
        String path = canonical(request);
        return path.startsWith(API_PREFIX) || path.equals("/api");
    }

    static String canonical(String rawPath) {
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : rawPath.split("/")) {
            int parameters = raw.indexOf(';');
            String segment = parameters >= 0 ? raw.substring(0, parameters) : raw;
            try {
                segment = UriUtils.decode(segment, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                // routing cannot decode it either (Tomcat refuses it first); keep the raw text
            }
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                segments.pollLast();
                continue;
            }
            segments.addLast(segment.toLowerCase(Locale.ROOT));
        }
        return "/" + String.join("/", segments);
    }
}
