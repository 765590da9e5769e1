package social.support.purge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param interval           how often the purges run
 * @param tombstoneRetention how long a deleted post's tombstone is kept: far longer than any
 *                           event about the post can arrive late (events are redelivered for at
 *                           most {@code social.messaging.processed-event-retention}, 7 days), after
 *                           which no like or notification can race with the deletion any more
 */
@ConfigurationProperties("social.purge")
public record PurgeProperties(
        @DefaultValue("1h") Duration interval,
        @DefaultValue("30d") Duration tombstoneRetention) {}
