package social.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class RequestPathsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/api/auth/register, /api/auth/register",
        "/%61pi/auth/register, /api/auth/register",
        "/%61%70%69/%61uth/register, /api/auth/register",
        "//api//auth/register, /api/auth/register",
        "/api/./auth/register, /api/auth/register",
        "/api/x/../auth/register, /api/auth/register",
        "/api/auth/register;jsessionid=abc, /api/auth/register",
        "/api;x=1/auth;y=2/register, /api/auth/register",
        "/API/Auth/Register, /api/auth/register",
        "/api/notifications/%73tream, /api/notifications/stream",
        "/actuator/health, /actuator/health"
    })
    void everySpellingOfARouteIsTheSameCanonicalPath(String raw, String canonical) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", raw);
        assertThat(RequestPaths.canonical(request)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({"/%61pi/timeline, true", "//API/timeline, true", "/api, true", "/apix/timeline, false", "/, false"})
    void theApiIsRecognisedHoweverItIsSpelled(String raw, boolean api) {
        assertThat(RequestPaths.isApi(new MockHttpServletRequest("GET", raw))).isEqualTo(api);
    }
}
