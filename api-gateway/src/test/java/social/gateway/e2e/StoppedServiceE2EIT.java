package social.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import social.gateway.e2e.Api.Response;
import social.gateway.e2e.Api.Session;

/** A service that is down costs the caller the RPC timeout at most, then a 504; it recovers when back. */
class StoppedServiceE2EIT {
    private static Api api;
    private static Session user;

    @BeforeAll
    static void stopUserService() {
        api = Api.ofStack();
        user = api.signUp("stopped");
        Stack.get().stop("user-service");
    }

    @AfterAll
    static void startUserService() {
        Stack.get().start("user-service");
    }

    @Test
    void aRequestToAStoppedServiceGets504WithinTheTimeoutPlusOneSecondAndWorksAgainOnceItIsBack() {
        Instant start = Instant.now();
        Response response = api.get("/api/users/" + user.id());
        Duration took = Duration.between(start, Instant.now());

        GatewayBehaviourE2EIT.assertProblem(response, 504);
        assertThat(took).isLessThan(Stack.RPC_TIMEOUT.plusSeconds(1));

        Stack.get().start("user-service");
        assertThat(api.get("/api/users/" + user.id()).status()).isEqualTo(200);
    }
}
