package social.support.events;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code GET /actuator/deadletters}: each dead-letter queue of this service with its message count;
 * {@code POST /actuator/deadletters/{queue}}: replays that queue's dead letters (see {@link
 * DeadLetters}), for an operator once the cause is fixed. Served on the service's own HTTP port,
 * which binds to 127.0.0.1.
 */
@Endpoint(id = "deadletters")
public class DeadLettersEndpoint {
    private final DeadLetters deadLetters;

    public DeadLettersEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public List<DeadLetters.DeadLetterQueue> queues() {
        return deadLetters.queues();
    }

    /** @param queue a subscription's queue, or its dead-letter queue; 404 if this service has none such */
    @WriteOperation
    public WebEndpointResponse<DeadLetters.Replay> replay(@Selector String queue) {
        return deadLetters
                .replay(queue)
                .map(WebEndpointResponse::new)
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }
}
