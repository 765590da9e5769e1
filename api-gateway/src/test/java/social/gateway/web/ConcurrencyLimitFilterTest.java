package social.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.GatewayProperties;

class ConcurrencyLimitFilterTest {
    private final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(
            new GatewayProperties(DataSize.ofKilobytes(64), null, 1, Duration.ofSeconds(10), 64),
            new Problems(JsonMapper.builder().build()));

    @Test
    void requestsBeyondTheLimitGet503AtOnceAndTheNextOnePassesAfterARelease() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first =
                CompletableFuture.supplyAsync(() -> run("/api/timeline", () -> {
                    inside.countDown();
                    await(release);
                }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse shed = run("/api/timeline", () -> {});
        assertThat(shed.getStatus()).isEqualTo(503);
        assertThat(shed.getHeader("Retry-After")).isEqualTo("1");
        assertThat(shed.getContentType()).startsWith("application/problem+json");

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        assertThat(run("/api/timeline", () -> {}).getStatus()).isEqualTo(200);
    }

    /** Issue 26, item 1: a client that sends its body slowly holds no permit while it does. */
    @Test
    void aBodyStillArrivingHoldsNoPermitAndReachesTheApplicationWhole() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        MockHttpServletRequest slow = new MockHttpServletRequest("POST", "/api/posts") {
            @Override
            public ServletInputStream getInputStream() {
                InputStream body = new InputStream() {
                    private final InputStream first =
                            new ByteArrayInputStream("{\"content\":".getBytes(StandardCharsets.UTF_8));
                    private final InputStream second =
                            new ByteArrayInputStream("\"hi\"}".getBytes(StandardCharsets.UTF_8));

                    @Override
                    public int read() throws IOException {
                        int b = first.read();
                        if (b >= 0) {
                            return b;
                        }
                        reading.countDown();
                        ConcurrencyLimitFilterTest.await(rest);
                        return second.read();
                    }
                };
                return new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return body.read();
                    }

                    @Override
                    public boolean isFinished() {
                        return false;
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {}
                };
            }
        };
        slow.setContent(new byte[16]); // Content-Length: 16, the bytes come from the stream above
        CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
            StringBuilder body = new StringBuilder();
            run(
                    slow,
                    (request, response) ->
                            body.append(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
            return body.toString();
        });
        assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(run("/api/timeline", () -> {}).getStatus())
                .as("the one permit is free while the body arrives")
                .isEqualTo(200);

        rest.countDown();
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("{\"content\":\"hi\"}");
    }

    @Test
    void healthChecksAndNotificationStreamsDoNotCount() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> stream =
                CompletableFuture.supplyAsync(() -> run(ConcurrencyLimitFilter.STREAM_PATH, () -> {
                    inside.countDown();
                    await(release);
                }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(run("/api/timeline", () -> {}).getStatus()).isEqualTo(200);
        assertThat(run("/actuator/health", () -> {}).getStatus()).isEqualTo(200);
        release.countDown();
        assertThat(stream.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    @Test
    void anEncodedOrOddlySpelledApiPathIsShedLikeThePlainOne() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<MockHttpServletResponse> first =
                CompletableFuture.supplyAsync(() -> run("/api/timeline", () -> {
                    inside.countDown();
                    await(release);
                }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        for (String spelling :
                new String[] {"/%61pi/auth/register", "//api/timeline", "/api/./timeline", "/API/timeline"}) {
            assertThat(run(spelling, () -> {}).getStatus()).as(spelling).isEqualTo(503);
        }
        // the stream stays exempt however it is spelled
        assertThat(run("/api/notifications/%73tream", () -> {}).getStatus()).isEqualTo(200);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
    }

    private MockHttpServletResponse run(String path, Runnable handler) {
        return run(new MockHttpServletRequest("GET", path), (request, response) -> handler.run());
    }

    private interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private MockHttpServletResponse run(MockHttpServletRequest request, Handler handler) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                    handler.handle(req, resp);
                }
            }));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
