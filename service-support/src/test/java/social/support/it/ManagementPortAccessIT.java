package social.support.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;

import social.support.testing.RealInfrastructure;

/**
 * The same rules on a management port of its own (the gateway's set-up: MANAGEMENT_PORT), where every
 * path is the actuator's; and with no token configured, the sensitive endpoints refuse everyone.
 */
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=support-management-port-it",
            "social.db.schema=support_it",
            "social.outbox.relay-enabled=false",
            "management.server.port=0",
            "social.management.token="
        })
class ManagementPortAccessIT {
    @LocalManagementPort
    int management;

    @Test
    void withoutAConfiguredTokenTheSensitiveEndpointsRefuseEveryoneAndHealthAndScrapeStayOpen() throws Exception {
        assertThat(get("/actuator/deadletters", Map.of()).status()).isEqualTo(401);
        // an empty token is no token
        assertThat(get("/actuator/deadletters", Map.of("Authorization", "Bearer "))
                        .status())
                .isEqualTo(401);
        assertThat(get("/actuator/deadletters", Map.of("Authorization", "Bearer"))
                        .status())
                .isEqualTo(401);
        assertThat(ManagementAccessIT.Raw.request(
                                management,
                                "POST",
                                "/actuator/deadletters/anything",
                                "localhost",
                                Map.of("Content-Length", "0"))
                        .status())
                .isEqualTo(401);
        assertThat(get("/actuator/health", Map.of()).status()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void aNameTheServiceDoesNotKnowIsRefusedOnTheManagementPort() throws Exception {
        assertThat(ManagementAccessIT.Raw.request(management, "GET", "/actuator/prometheus", "evil.example", Map.of())
                        .status())
                .isEqualTo(421);
        assertThat(ManagementAccessIT.Raw.request(
                                management, "GET", "/actuator/prometheus", "support-management-port-it", Map.of())
                        .status())
                .isEqualTo(200);
    }

    private ManagementAccessIT.Raw.Answer get(String path, Map<String, String> headers) throws Exception {
        return ManagementAccessIT.Raw.request(management, "GET", path, "127.0.0.1:" + management, headers);
    }
}
