package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;
import social.support.testing.ServiceJvms;

/**
 * What an operator's Prometheus scrapes: every service's meters on its own port, the gateway's on a
 * management port of its own, never on the public one (docs/operations.md, "Metrics").
 */
class MetricsE2EIT {
    private static Api api;
    private static Stack stack;

    @BeforeAll
    static void stack() {
        api = Api.ofStack();
        stack = Stack.get();
    }

    @Test
    void aGatewayWithAManagementPortServesItsMetricsThereAndHealthOnBothButNoMetricsPublicly() {
        int management = ServiceJvms.freePort();
        URI publicPort = stack.startInstance(
                "api-gateway",
                "metrics",
                Map.of(
                        "MANAGEMENT_PORT",
                        String.valueOf(management),
                        "GATEWAY_ACTUATOR_ENDPOINTS",
                        "health,info,prometheus"));
        Api gateway = new Api(publicPort);
        Api actuator = new Api(URI.create("http://127.0.0.1:" + management));
        Session user = gateway.signUp("mx_user");
        assertThat(gateway.get("/api/users/me", user.accessToken()).status()).isEqualTo(200);

        Response scraped = actuator.get("/actuator/prometheus");
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body())
                .contains("http_server_requests_seconds_bucket{")
                .contains("uri=\"/api/users/me\"")
                .contains("social_rpc_client_seconds_bucket{")
                .contains("operation=\"user.get\"")
                .contains("application=\"api-gateway\"")
                .contains("social_notification_streams")
                .contains("cache_gets_total{")
                .contains("rabbitmq_connections")
                .contains("jvm_gc_pause_seconds");
        assertThat(actuator.get("/actuator/health/readiness").status()).isEqualTo(200);

        assertThat(gateway.get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(gateway.get("/readyz").status()).isEqualTo(200);
        assertThat(gateway.get("/livez").status()).isEqualTo(200);
    }

    @Test
    void everyServiceServesItsRequestEventOutboxPoolAndBrokerMetrics() {
        Session author = api.signUp("mx_author");
        Session fan = api.signUp("mx_fan");
        String postId = Social.post(api, author, "measure me").get("id").asString();
        assertThat(api.put("/api/posts/" + postId + "/like", null, fan.accessToken())
                        .status())
                .isEqualTo(204);

        // whichever instance answered: their scrapes together
        String likes = scrapeAll("like-service");
        assertThat(likes)
                .contains("social_rpc_server_seconds_bucket{")
                .contains("operation=\"like.add\"")
                .contains("outcome=\"ok\"")
                .contains("social_rpc_client_seconds_bucket{")
                .contains("social_outbox_pending{")
                .contains("social_outbox_lag_seconds{")
                .contains("hikaricp_connections_active{")
                .contains("application=\"like-service\"");
        for (String service : Stack.SERVICES) {
            if (service.equals("api-gateway")) {
                continue;
            }
            Response scraped =
                    new Api(URI.create("http://127.0.0.1:" + stack.port(service))).get("/actuator/prometheus");
            assertThat(scraped.status()).as(service).isEqualTo(200);
            assertThat(scraped.body())
                    .as(service)
                    .contains("application=\"" + service + "\"")
                    .contains("jvm_memory_used_bytes");
        }
        assertThat(scrapeAll("notification-service"))
                .contains("social_events_seconds_count{")
                .contains("outcome=\"applied\"");
    }

    private static String scrapeAll(String service) {
        StringBuilder scrapes = new StringBuilder();
        for (String instance : Stack.instancesOf(service)) {
            Response scraped =
                    new Api(URI.create("http://127.0.0.1:" + stack.port(instance))).get("/actuator/prometheus");
            assertThat(scraped.status()).as(instance).isEqualTo(200);
            scrapes.append(scraped.body());
        }
        return scrapes.toString();
    }
}
