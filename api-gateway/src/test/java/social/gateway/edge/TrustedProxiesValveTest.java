package social.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.Test;

/** Forwarded headers count only from a trusted proxy; the client is the nearest address that is none. */
class TrustedProxiesValveTest {
    private final TrustedProxiesValve valve = new TrustedProxiesValve(
            new ProxyProperties(List.of("10.0.0.0/8", " 192.0.2.1", "2001:db8::/32")).trusted());

    @Test
    void fromAnUntrustedPeerForwardedHeadersChangeNothing() throws Exception {
        Seen seen = pass("203.0.113.9", Map.of("X-Forwarded-For", "198.51.100.1", "X-Forwarded-Proto", "https"));

        assertThat(seen.address()).isEqualTo("203.0.113.9");
        assertThat(seen.scheme()).isEqualTo("http");
        assertThat(pass("203.0.113.9", Map.of("Forwarded", "for=198.51.100.1")).address())
                .isEqualTo("203.0.113.9");
    }

    @Test
    void fromATrustedPeerTheClientIsTheNearestAddressThatIsNoTrustedProxy() throws Exception {
        Seen seen = pass(
                "10.1.2.3",
                Map.of("X-Forwarded-For", "198.51.100.66, 198.51.100.1, 10.9.9.9", "X-Forwarded-Proto", "https"));

        // what the client itself put first is not believed: the trusted chain ends at 198.51.100.1
        assertThat(seen.address()).isEqualTo("198.51.100.1");
        assertThat(seen.scheme()).isEqualTo("https");
        assertThat(pass("192.0.2.1", Map.of("X-Forwarded-For", "198.51.100.2")).address())
                .isEqualTo("198.51.100.2");
        assertThat(pass("192.0.2.2", Map.of("X-Forwarded-For", "198.51.100.2")).address())
                .as("a bare address trusts that host only")
                .isEqualTo("192.0.2.2");
    }

    @Test
    void theStandardForwardedHeaderIsReadLikeXForwardedFor() throws Exception {
        Seen seen = pass(
                "2001:db8::7",
                Map.of("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.5;by=10.0.0.6"));

        assertThat(seen.address()).isEqualTo("2001:db8:cafe::17");
        assertThat(seen.scheme()).isEqualTo("https");
        assertThat(pass("10.0.0.1", Map.of("Forwarded", "for=\"198.51.100.3:5000\""))
                        .address())
                .isEqualTo("198.51.100.3");
    }

    @Test
    void anythingButACidrIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ProxyProperties(List.of("10.0.0.0/8", "proxy.internal")))
                .hasMessageContaining("TRUSTED_PROXIES")
                .hasMessageContaining("proxy.internal");
    }

    @Test
    void theAddressOfAForwardedNodeLosesItsBracketsAndPort() {
        assertThat(TrustedProxiesValve.address("[2001:db8::1]:80")).isEqualTo("2001:db8::1");
        assertThat(TrustedProxiesValve.address("192.0.2.9:8443")).isEqualTo("192.0.2.9");
        assertThat(TrustedProxiesValve.address("192.0.2.9")).isEqualTo("192.0.2.9");
        assertThat(TrustedProxiesValve.address("unknown")).isEqualTo("unknown");
    }

    private record Seen(String address, String scheme) {}

    private Seen pass(String peer, Map<String, String> headers) throws Exception {
        org.apache.coyote.Request coyote = new org.apache.coyote.Request();
        headers.forEach((name, value) -> coyote.getMimeHeaders().addValue(name).setString(value));
        Request request = new Request(new Connector(), coyote);
        request.setRemoteAddr(peer);
        request.setRemoteHost(peer);
        coyote.scheme().setString("http");
        AtomicReference<Seen> seen = new AtomicReference<>();
        valve.setNext(new ValveBase() {
            @Override
            public void invoke(Request passed, Response response) {
                seen.set(new Seen(passed.getRemoteAddr(), passed.getScheme()));
            }
        });
        valve.invoke(request, null);
        return seen.get();
    }
}
