package social.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.GatewayProperties;

class ConcurrencyLimitFilterTest {
    private final ConcurrencyLimitFilter filter = new ConcurrencyLimitFilter(
            new GatewayProperties(null, null, 1),
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
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        try {
            filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
                @Override
                protected void service(HttpServletRequest req, HttpServletResponse resp) {
                    handler.run();
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
