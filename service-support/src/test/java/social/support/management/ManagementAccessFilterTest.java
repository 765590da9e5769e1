package social.support.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The guard's decisions one by one (ManagementAccessIT runs them through a real server). */
class ManagementAccessFilterTest {
    private static final String TOKEN = "the-operators-token";
    private static final ManagementAccessProperties PROPERTIES =
            new ManagementAccessProperties(TOKEN, List.of("localhost", "127.0.0.1", "[::1]", "post-service"));

    private final ManagementAccessFilter sharedPort = new ManagementAccessFilter(PROPERTIES, "/actuator", false);
    private final ManagementAccessFilter ownPort = new ManagementAccessFilter(PROPERTIES, "/actuator", true);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost",
                "LocalHost:8083",
                "localhost.",
                "127.0.0.1:8083",
                "[::1]:8083",
                "post-service:8083",
                "10.244.1.7:8083",
                "[fe80::1%25eth0]"
            })
    void aKnownNameOrAnAddressLiteralIsServed(String host) throws Exception {
        assertThat(answer(sharedPort, "GET", "/actuator/health", host, Map.of()))
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "evil.example",
                "evil.example:8083",
                "localhost.evil.example",
                "127.0.0.1.nip.io",
                "post-service.evil.example",
                "0x7f000001",
                ""
            })
    void anyOtherNameIsMisdirected(String host) throws Exception {
        assertThat(answer(sharedPort, "GET", "/actuator/health", host, Map.of()))
                .isEqualTo(421);
    }

    @Test
    void aRequestWithoutAHostIsMisdirected() throws Exception {
        assertThat(answer(sharedPort, "GET", "/actuator/health", null, Map.of()))
                .isEqualTo(421);
    }

    @Test
    void onASharedPortOnlyTheActuatorsPathsAreGuarded() throws Exception {
        assertThat(answer(sharedPort, "POST", "/api/posts", "social.example", Map.of("Origin", "https://a.example")))
                .isEqualTo(200);
        assertThat(answer(sharedPort, "GET", "/actuatorx", "social.example", Map.of()))
                .isEqualTo(200);
        assertThat(answer(sharedPort, "GET", "/actuator", "localhost", Map.of()))
                .isEqualTo(401);
    }

    @Test
    void onItsOwnPortEveryPathIsGuarded() throws Exception {
        assertThat(answer(ownPort, "GET", "/anything", "localhost", Map.of())).isEqualTo(401);
        assertThat(answer(ownPort, "GET", "/anything", "evil.example", Map.of()))
                .isEqualTo(421);
        assertThat(answer(ownPort, "GET", "/actuator/prometheus", "localhost", Map.of()))
                .isEqualTo(200);
    }

    @Test
    void theTokenStopsAtTheGuardSoThatTheApplicationsOwnAuthenticationNeverReadsIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/metrics");
        request.setServletPath("/actuator/metrics");
        request.addHeader("Host", "localhost");
        request.addHeader("Authorization", "Bearer " + TOKEN);
        MockFilterChain chain = new MockFilterChain();

        sharedPort.doFilter(request, new MockHttpServletResponse(), chain);

        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed.getHeader("Authorization")).isNull();
        assertThat(passed.getHeaders("authorization").hasMoreElements()).isFalse();
        assertThat(java.util.Collections.list(passed.getHeaderNames())).containsExactly("Host");
    }

    @Test
    void theTokenIsABearerTokenOfAnyCaseOfTheSchemeAndNothingElse() throws Exception {
        assertThat(answer(
                        sharedPort,
                        "GET",
                        "/actuator/metrics",
                        "localhost",
                        Map.of("Authorization", "Bearer " + TOKEN)))
                .isEqualTo(200);
        assertThat(answer(
                        sharedPort,
                        "GET",
                        "/actuator/metrics",
                        "localhost",
                        Map.of("Authorization", "bearer " + TOKEN)))
                .isEqualTo(200);
        assertThat(answer(sharedPort, "GET", "/actuator/metrics", "localhost", Map.of("Authorization", TOKEN)))
                .isEqualTo(401);
        assertThat(answer(
                        sharedPort, "GET", "/actuator/metrics", "localhost", Map.of("Authorization", "Basic " + TOKEN)))
                .isEqualTo(401);
        assertThat(answer(
                        sharedPort,
                        "GET",
                        "/actuator/metrics",
                        "localhost",
                        Map.of("Authorization", "Bearer " + TOKEN + " ")))
                .isEqualTo(200);
    }

    @Test
    void aHeadOfAnOpenEndpointIsOpenAndAnyOtherMethodNeedsTheToken() throws Exception {
        assertThat(answer(sharedPort, "HEAD", "/actuator/health/readiness", "localhost", Map.of()))
                .isEqualTo(200);
        assertThat(answer(sharedPort, "POST", "/actuator/health", "localhost", Map.of()))
                .isEqualTo(401);
        assertThat(answer(sharedPort, "OPTIONS", "/actuator/prometheus", "localhost", Map.of()))
                .isEqualTo(401);
    }

    @Test
    void aWriteABrowserSendsForAPageIsForbiddenEvenWithTheToken() throws Exception {
        Map<String, String> token = Map.of("Authorization", "Bearer " + TOKEN);
        assertThat(answer(sharedPort, "POST", "/actuator/deadletters/q", "localhost", with(token, "Origin", "null")))
                .isEqualTo(403);
        assertThat(answer(
                        sharedPort,
                        "POST",
                        "/actuator/deadletters/q",
                        "localhost",
                        with(token, "Sec-Fetch-Site", "same-site")))
                .isEqualTo(403);
        // typed into the address bar or sent by a tool: no page behind it
        assertThat(answer(
                        sharedPort,
                        "POST",
                        "/actuator/deadletters/q",
                        "localhost",
                        with(token, "Sec-Fetch-Site", "none")))
                .isEqualTo(200);
    }

    @Test
    void withoutAConfiguredTokenNoTokenOpensAnything() throws Exception {
        ManagementAccessFilter closed = new ManagementAccessFilter(
                new ManagementAccessProperties("  ", List.of("localhost")), "/actuator", false);
        assertThat(answer(closed, "GET", "/actuator/metrics", "localhost", Map.of("Authorization", "Bearer   ")))
                .isEqualTo(401);
        assertThat(answer(closed, "GET", "/actuator/metrics", "localhost", Map.of("Authorization", "Bearer ")))
                .isEqualTo(401);
        assertThat(answer(closed, "GET", "/actuator/health", "localhost", Map.of()))
                .isEqualTo(200);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static int answer(
            ManagementAccessFilter filter, String method, String path, String host, Map<String, String> headers)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        if (host != null) {
            request.addHeader("Host", host);
        }
        headers.forEach(request::addHeader);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(200);
            }
        }));
        return response.getStatus();
    }
}
