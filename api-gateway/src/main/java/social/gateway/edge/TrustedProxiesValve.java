package social.gateway.edge;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.NetMaskSet;
import org.apache.catalina.valves.RemoteIpValve;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * The client's address (and scheme, and host) as a trusted proxy forwards them: Tomcat's
 * {@link RemoteIpValve} with the trusted proxies as CIDRs, which reads {@code X-Forwarded-For},
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} only when the direct peer is one of them
 * and then takes the nearest address that is not a trusted proxy; from any other peer they change
 * nothing. A request that carries the standard {@code Forwarded} header (RFC 7239) instead has its
 * {@code for=} and {@code proto=} read the same way. Everything downstream (rate limits, login
 * throttles, stream caps) sees the result as {@code getRemoteAddr()}.
 */
public class TrustedProxiesValve extends RemoteIpValve {
    private static final String FORWARDED = "forwarded";
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";

    private final NetMaskSet trusted;

    public TrustedProxiesValve(List<String> cidrs) {
        String list = String.join(",", cidrs);
        this.trusted = NetMaskSet.parse(list);
        setInternalProxies(list);
        setTrustedProxies(null);
        setRemoteIpHeader(X_FORWARDED_FOR);
        setProtocolHeader(X_FORWARDED_PROTO);
        setHostHeader("X-Forwarded-Host");
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (request.getHeader(FORWARDED) != null
                && request.getHeader(X_FORWARDED_FOR) == null
                && fromTrusted(request)) {
            translateForwarded(request);
        }
        super.invoke(request, response);
    }

    private boolean fromTrusted(Request request) {
        try {
            return trusted.contains(request.getRemoteAddr());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** {@code Forwarded: for=...;proto=...} as the {@code X-Forwarded-*} headers the valve reads. */
    private static void translateForwarded(Request request) {
        List<String> addresses = new ArrayList<>();
        String proto = null;
        Enumeration<String> values = request.getHeaders(FORWARDED);
        while (values.hasMoreElements()) {
            for (String element : values.nextElement().split(",")) {
                for (String pair : element.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals < 0) {
                        continue;
                    }
                    String name = pair.substring(0, equals).strip();
                    String value = unquoted(pair.substring(equals + 1).strip());
                    if (name.equalsIgnoreCase("for")) {
                        addresses.add(address(value));
                    } else if (name.equalsIgnoreCase("proto")) {
                        proto = value; // the nearest proxy's, the last one
                    }
                }
            }
        }
        MimeHeaders headers = request.getCoyoteRequest().getMimeHeaders();
        if (!addresses.isEmpty()) {
            headers.addValue(X_FORWARDED_FOR).setString(String.join(", ", addresses));
        }
        if (proto != null && request.getHeader(X_FORWARDED_PROTO) == null) {
            headers.addValue(X_FORWARDED_PROTO).setString(proto);
        }
    }

    private static String unquoted(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    /** The address of a {@code for=} node: an IPv6 literal without its brackets, any address without its port. */
    static String address(String node) {
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            return end > 0 ? node.substring(1, end) : node;
        }
        int colon = node.indexOf(':');
        return colon > 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
    }
}
