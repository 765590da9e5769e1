package social.gateway.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live notification stream.
 *
 * @param heartbeat         how often an idle stream gets a comment line (keeps proxies from
 *                          closing it, and finds clients that went away)
 * @param streamTimeout     how long one stream stays open; browsers' EventSource reconnects
 * @param maxStreamsPerUser open streams per user on one gateway; a further one closes the oldest
 */
@ConfigurationProperties("social.gateway.notifications")
record NotificationProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("5") int maxStreamsPerUser) {}
