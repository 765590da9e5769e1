package social.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.GatewayProperties;
import social.gateway.security.AuthenticatedUser;
import social.gateway.web.Problems;

/** The per-caller budget: counted per canonical path spelling, told in every answer's headers. */
class RateLimitFilterTest {
    /** Anonymous callers: a burst of 2, refilled at 1 a second. */
    private final RateLimitFilter filter = new RateLimitFilter(
            new GatewayProperties(null, new GatewayProperties.RateLimit(50, 100, 1, 2, 1000, 20, 60), 256, null, 64),
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

    @Test
    void everyAnswerCarriesTheBudgetAndRemainingCountsDownToZeroThenThe429KeepsThem() throws Exception {
        MockHttpServletResponse first = post("/api/users/search");
        assertThat(first.getHeader("RateLimit-Limit")).isEqualTo("2");
        assertThat(first.getHeader("RateLimit-Remaining")).isEqualTo("1");
        assertThat(first.getHeader("RateLimit-Reset")).isEqualTo("1");

        MockHttpServletResponse second = post("/api/users/search");
        assertThat(second.getStatus()).isEqualTo(200);
        assertThat(second.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(second.getHeader("RateLimit-Reset")).isEqualTo("2");

        MockHttpServletResponse refused = post("/api/users/search");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader("RateLimit-Limit")).isEqualTo("2");
        assertThat(refused.getHeader("RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.getHeader("RateLimit-Reset")).isEqualTo("2");
        assertThat(refused.getHeader("Retry-After")).isNotNull();
        assertThat(refused.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
    }

    @Test
    void aSignedInCallerHasTheBudgetOfUsersNotOfItsAddress() throws Exception {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        new AuthenticatedUser(
                                UUID.randomUUID(), "ann", Instant.now().plusSeconds(60), null),
                        null,
                        List.of()));
        try {
            MockHttpServletResponse answer = post("/api/timeline");
            assertThat(answer.getHeader("RateLimit-Limit")).isEqualTo("100");
            assertThat(answer.getHeader("RateLimit-Remaining")).isEqualTo("99");
            assertThat(answer.getHeader("RateLimit-Reset")).isEqualTo("1");
        } finally {
            SecurityContextHolder.clearContext();
        }
        // the address's own budget is untouched
        assertThat(post("/api/users/search").getHeader("RateLimit-Remaining")).isEqualTo("1");
    }

    /** Issue 26, item 5: rotating addresses within one /64 escapes no budget. */
    @Test
    void twoIpv6AddressesOfOneSlash64ShareOneBudgetAndAnotherSlash64HasItsOwn() throws Exception {
        assertThat(post("/api/users/search", "2001:db8:1:2::1").getStatus()).isEqualTo(200);
        assertThat(post("/api/users/search", "2001:db8:1:2:ffff:ffff:ffff:fffe").getStatus())
                .isEqualTo(200);

        MockHttpServletResponse refused = post("/api/users/search", "2001:db8:1:2:abcd::9");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"");
        MockHttpServletResponse otherPrefix = post("/api/users/search", "2001:db8:1:3::1");
        assertThat(otherPrefix.getStatus()).isEqualTo(200);
        assertThat(otherPrefix.getHeader("RateLimit-Remaining")).isEqualTo("1");
    }

    @Test
    void ipv4AddressesHaveABudgetEach() throws Exception {
        post("/api/users/search", "198.51.100.1");
        post("/api/users/search", "198.51.100.1");
        assertThat(post("/api/users/search", "198.51.100.1").getStatus()).isEqualTo(429);
        assertThat(post("/api/users/search", "198.51.100.2").getStatus()).isEqualTo(200);
    }

    @Test
    void pathsOutsideTheApiAreNotLimited() throws Exception {
        assertThat(post("/actuator/health").getHeader("RateLimit-Limit")).isNull();
    }

    private MockHttpServletResponse post(String rawPath) throws Exception {
        return post(rawPath, "192.0.2.7");
    }

    private MockHttpServletResponse post(String rawPath, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", rawPath);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {}
        }));
        return response;
    }
}
