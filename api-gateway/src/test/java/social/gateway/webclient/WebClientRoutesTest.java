package social.gateway.webclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebClientRoutesTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/@alice", "/posts/abc", "/tags/ünïcode", "/search", "/apiary", "/v3x", "/assetsfoo"})
    void pathsTheClientRoutes(String path) {
        assertThat(WebClientResources.isClientRoute(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api",
                "/api/posts",
                "/actuator/health",
                "/v3/api-docs",
                "/swagger-ui/index.html",
                "/assets/x",
                "/robots.txt"
            })
    void pathsOfTheServerOrOfFiles(String path) {
        assertThat(WebClientResources.isClientRoute(path)).isFalse();
    }
}
