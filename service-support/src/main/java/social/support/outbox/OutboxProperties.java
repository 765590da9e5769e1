package social.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval     how often the relay looks for events nobody woke it for (other
 *                         instances, earlier failures)
 * @param batchSize        events published per confirm round trip
 * @param confirmTimeout   how long to wait for the broker's publisher confirms
 * @param retryBackoff     pause after the broker could not be reached
 * @param relayEnabled     whether this instance relays the outbox (another instance may do it)
 */
@ConfigurationProperties("social.outbox")
public record OutboxProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("5s") Duration confirmTimeout,
        @DefaultValue("1s") Duration retryBackoff,
        @DefaultValue("true") boolean relayEnabled) {}
