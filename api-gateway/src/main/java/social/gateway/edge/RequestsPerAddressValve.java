package social.gateway.edge;

import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.util.NetMaskSet;
import org.apache.catalina.valves.ValveBase;
import org.springframework.http.HttpHeaders;

import social.gateway.web.ProblemCode;
import social.gateway.web.Problems;
import social.support.net.ClientAddress;

/**
 * At most {@code social.gateway.max-requests-per-address} requests in progress per client: per
 * direct peer of the TCP connection, an IPv6 peer by its /64 (the addresses one subscriber gets).
 * Beyond, 429 {@code RATE_LIMITED} with {@code Retry-After: 1}, and the connection is closed. A
 * request is in progress from the moment its headers are read until its answer is written (or,
 * for an asynchronous one such as a notification stream, until it went asynchronous), so a client
 * that sends bodies slowly holds at most this many of the server's requests.
 *
 * <p>It runs before {@link TrustedProxiesValve}: it counts connections' peers, not what they
 * forward. A trusted proxy (TRUSTED_PROXIES) carries every client behind it and is not capped;
 * those clients are told apart by the per-address limits after the valve.
 */
class RequestsPerAddressValve extends ValveBase {
    private final int max;
    private final NetMaskSet trusted;
    private final Problems problems;
    private final Map<String, Integer> inProgress = new ConcurrentHashMap<>();

    RequestsPerAddressValve(int max, List<String> trustedCidrs, Problems problems) {
        super(true);
        this.max = max;
        this.trusted = NetMaskSet.parse(String.join(",", trustedCidrs));
        this.problems = problems;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        String peer = request.getRemoteAddr();
        if (isTrusted(peer)) {
            getNext().invoke(request, response);
            return;
        }
        String client = ClientAddress.groupOf(peer);
        if (inProgress.merge(client, 1, Integer::sum) > max) {
            release(client);
            problems.write(
                    response,
                    ProblemCode.RATE_LIMITED,
                    "Too many requests in progress from this address.",
                    Map.of(HttpHeaders.RETRY_AFTER, "1", HttpHeaders.CONNECTION, "close"));
            return;
        }
        try {
            getNext().invoke(request, response);
        } finally {
            release(client);
        }
    }

    /** Requests in progress from a client's address group (tests, metrics). */
    int inProgress(String address) {
        return inProgress.getOrDefault(ClientAddress.groupOf(address), 0);
    }

    private void release(String client) {
        inProgress.computeIfPresent(client, (key, count) -> count > 1 ? count - 1 : null);
    }

    private boolean isTrusted(String peer) {
        try {
            return !trusted.isEmpty() && trusted.contains(peer);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
