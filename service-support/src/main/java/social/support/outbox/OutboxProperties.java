package social.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval     how often the relay looks for events nobody woke it for (other
 *                         instances, earlier failures)
 * @param batchSize        events published per confirm round trip
 * @param confirmTimeout   the longest a batch waits for the broker (its confirms, or a publish the
 *                         broker does not read, as under a memory or disk alarm); what it did not
 *                         confirm by then stays in the outbox for the next attempt
 * @param retryBackoff     pause after the broker could not be reached
 * @param relayEnabled     whether this instance relays the outbox (another instance may do it)
 * @param unroutedRetry    how often the oldest event of an aggregate that no queue took is offered
 *                         again (the later events of that aggregate wait behind it)
 */
@ConfigurationProperties("social.outbox")
public record OutboxProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("true") boolean relayEnabled,
        @DefaultValue("1s") Duration unroutedRetry) {}
