package social.auth.erasure;

import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code GET /actuator/erasures}: the account deletions still waiting for a service, oldest first
 * (at most 100), each with its age and the services that have not reported their erasure.
 */
@Endpoint(id = "erasures")
class ErasuresEndpoint {
    private static final int SHOWN = 100;

    private final Erasures erasures;

    ErasuresEndpoint(Erasures erasures) {
        this.erasures = erasures;
    }

    @ReadOperation
    Map<String, Object> pending() {
        List<Erasures.Pending> pending = erasures.pending(SHOWN);
        return Map.of("pendingCount", erasures.pendingCount(), "pending", pending);
    }
}
