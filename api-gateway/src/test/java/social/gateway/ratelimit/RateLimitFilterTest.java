package social.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.GatewayProperties;
import social.gateway.web.Problems;

class RateLimitFilterTest {
    /** Anonymous callers: a burst of 2, refilled at 1 a second. */
    private final RateLimitFilter filter = new RateLimitFilter(
            new GatewayProperties(null, new GatewayProperties.RateLimit(50, 100, 1, 2, 1000, 20, 60), 256),
            new Problems(JsonMapper.builder().build()));

    @Test
    void anEncodedOrOddlySpelledPathCountsAgainstTheSameBudgetAsThePlainOne() throws Exception {
        assertThat(post("/api/auth/register").getStatus()).isEqualTo(200);
        assertThat(post("/%61pi/auth/register").getStatus()).isEqualTo(200);

        for (String spelling : new String[] {
            "/%61pi/auth/register",
            "//api/auth/register",
            "/api/./auth/register",
            "/api/auth/register;jsessionid=1",
            "/API/auth/register"
        }) {
            MockHttpServletResponse refused = post(spelling);
            assertThat(refused.getStatus()).as(spelling).isEqualTo(429);
            assertThat(refused.getHeader("Retry-After")).as(spelling).isNotNull();
        }
    }

    private MockHttpServletResponse post(String rawPath) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", rawPath);
        request.setRemoteAddr("192.0.2.7");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {}
        }));
        return response;
    }
}
