package social.gateway.webclient;

import static org.assertj.core.api.Assertions.assertThat;
import static social.gateway.ProblemJson.problem;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.gateway.GatewayWebMvcTest;
import social.support.rpc.RpcClient;

/**
 * The gateway serves the web client's build (the web-client jar on the classpath) as shared/API.md
 * "The web client" says: index.html for the client's routes, hashed assets cached for a year,
 * and the security headers; the API's own paths keep their problem+json answers.
 */
@GatewayWebMvcTest
class WebClientServingTest {
    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/index.html",
                "/login",
                "/@alice",
                "/@alice/followers",
                "/posts/0190f3a4-0000-7000-8000-000000000001",
                "/tags/hello",
                "/search?q=hello",
                "/notifications",
                "/bookmarks",
                "/settings"
            })
    void everyClientRouteAnswersTheClientsIndexRevalidatedOnEveryVisit(String path) {
        MvcTestResult page = mvc.get().uri(path).accept(MediaType.TEXT_HTML).exchange();

        assertThat(page).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        assertThat(page).bodyText().contains("<div id=\"root\"></div>");
        assertThat(page.getResponse().getHeader("Cache-Control")).isEqualTo("no-cache");
    }

    /** Spring Boot's welcome page: a forward to index.html, which answers as above. */
    @Test
    void theRootIsTheClientsIndex() {
        assertThat(mvc.get()
                        .uri("/")
                        .accept(MediaType.TEXT_HTML)
                        .exchange()
                        .getResponse()
                        .getForwardedUrl())
                .isEqualTo("index.html");
    }

    @Test
    void hashedAssetsAreCachedForAYearAsImmutable() throws IOException {
        String script = entryScript();

        MvcTestResult asset = mvc.get().uri(script).exchange();

        assertThat(asset).hasStatusOk();
        assertThat(asset.getResponse().getContentType()).startsWith("text/javascript");
        assertThat(asset.getResponse().getHeader("Cache-Control")).isEqualTo("max-age=31536000, public, immutable");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/no/such/thing",
                "/api",
                "/actuator/no-such-endpoint",
                "/v3/no-such-doc",
                "/swagger-ui/no-such-file",
                "/assets/no-such-file.js",
                "/favicon.ico"
            })
    void pathsOutsideTheClientStayProblemJson404(String path) {
        assertThat(mvc.get().uri(path).accept(MediaType.TEXT_HTML)).satisfies(problem(HttpStatus.NOT_FOUND));
    }

    @Test
    void aClientRouteIsOnlyRead() {
        assertThat(mvc.post().uri("/settings")).satisfies(problem(HttpStatus.METHOD_NOT_ALLOWED));
    }

    @Test
    void pagesCarryTheContentSecurityPolicyAndTheOtherSecurityHeaders() {
        MvcTestResult page = mvc.get().uri("/@alice").exchange();

        String csp = page.getResponse().getHeader("Content-Security-Policy");
        assertThat(csp)
                .contains("script-src 'self';")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
        assertThat(page.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getResponse().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void theClientsIndexHasNoInlineScript() throws IOException {
        String index = index();
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(index);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1))
                    .as("every script is a file of this origin")
                    .contains("src=\"/assets/");
        }
        assertThat(count).isPositive();
    }

    private static String index() throws IOException {
        try (InputStream in = new ClassPathResource("static/index.html").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String entryScript() throws IOException {
        Matcher src = Pattern.compile("<script[^>]*src=\"([^\"]+)\"").matcher(index());
        assertThat(src.find()).as("index.html names its entry script").isTrue();
        return src.group(1);
    }
}
