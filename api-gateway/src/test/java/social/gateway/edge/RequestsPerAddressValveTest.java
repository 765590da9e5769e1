package social.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.CoyoteAdapter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.web.Problems;

/**
 * Issue 26, items 1 and 5: requests in progress per client, an IPv6 client by its /64, trusted
 * proxies exempt. Here the cap is 1, and a request is in progress while the next valve holds it.
 */
class RequestsPerAddressValveTest {
    private final RequestsPerAddressValve valve = new RequestsPerAddressValve(
            1, List.of("10.0.0.0/8"), new Problems(JsonMapper.builder().build()));
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch inside = new CountDownLatch(1);

    RequestsPerAddressValveTest() {
        valve.setNext(new ValveBase() {
            @Override
            public void invoke(Request request, Response response) {
                response.setStatus(200);
                if ("hold".equals(request.getCoyoteRequest().getHeader("X-Test"))) {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
    }

    @AfterEach
    void letGo() {
        release.countDown();
    }

    @Test
    void twoIpv6AddressesOfOneSlash64ShareTheCapAndAnotherSlash64HasItsOwn() throws Exception {
        CompletableFuture<Answer> held = hold("2001:db8:1:2::1");

        Answer refused = pass("2001:db8:1:2:ffff::7");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(refused.retryAfter()).isEqualTo("1");
        assertThat(pass("2001:db8:1:3::1").status()).isEqualTo(200);
        assertThat(pass("198.51.100.1").status()).isEqualTo(200);

        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(valve.inProgress("2001:db8:1:2::1")).isZero();
        assertThat(pass("2001:db8:1:2::42").status())
                .as("the /64 is free again")
                .isEqualTo(200);
    }

    @Test
    void ipv4AddressesAreCappedOneByOne() throws Exception {
        CompletableFuture<Answer> held = hold("198.51.100.1");

        assertThat(pass("198.51.100.1").status()).isEqualTo(429);
        assertThat(pass("198.51.100.2").status()).isEqualTo(200);
        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aTrustedProxyIsNotCapped() throws Exception {
        CompletableFuture<Answer> held = hold("10.1.2.3");

        assertThat(pass("10.1.2.3").status()).isEqualTo(200);
        release.countDown();
        assertThat(held.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    private record Answer(int status, String body, String retryAfter) {}

    private CompletableFuture<Answer> hold(String peer) throws InterruptedException {
        CompletableFuture<Answer> held = CompletableFuture.supplyAsync(() -> invoke(peer, true));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        return held;
    }

    private Answer pass(String peer) {
        return invoke(peer, false);
    }

    private Answer invoke(String peer, boolean hold) {
        org.apache.coyote.Request coyoteRequest = new org.apache.coyote.Request();
        if (hold) {
            coyoteRequest.getMimeHeaders().addValue("X-Test").setString("hold");
        }
        Request request = new Request(new Connector(), coyoteRequest);
        coyoteRequest.setNote(CoyoteAdapter.ADAPTER_NOTES, request);
        request.setRemoteAddr(peer);
        org.apache.coyote.Response coyoteResponse = new org.apache.coyote.Response();
        coyoteRequest.setResponse(coyoteResponse);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        coyoteResponse.setOutputBuffer(new org.apache.coyote.OutputBuffer() {
            @Override
            public int doWrite(ByteBuffer chunk) {
                int n = chunk.remaining();
                byte[] bytes = new byte[n];
                chunk.get(bytes);
                written.write(bytes, 0, n);
                return n;
            }

            @Override
            public long getBytesWritten() {
                return written.size();
            }
        });
        Response response = new Response(coyoteResponse);
        response.setRequest(request);
        try {
            valve.invoke(request, response);
            response.flushBuffer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Answer(
                response.getStatus(), written.toString(StandardCharsets.UTF_8), response.getHeader("Retry-After"));
    }
}
