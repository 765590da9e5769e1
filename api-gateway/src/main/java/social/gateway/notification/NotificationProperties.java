package social.gateway.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The live notification stream.
 *
 * @param heartbeat            how often an idle stream gets a comment line (keeps proxies from
 *                             closing it, and finds clients that went away)
 * @param streamTimeout        how long one stream stays open at most; browsers' EventSource
 *                             reconnects (a stream also ends when its access token expires)
 * @param maxStreamsPerUser    open streams per user on one gateway; a further one closes the oldest
 * @param maxStreamsPerAddress open streams per client address on one gateway; beyond, 429
 * @param maxStreams           open streams on one gateway; beyond, 429 (each holds a connection)
 * @param ticketLifetime       how long a stream ticket may wait for its single use
 * @param maxOpenTickets       unused tickets held at once by one gateway; beyond, 503
 */
@ConfigurationProperties("social.gateway.notifications")
record NotificationProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("5") int maxStreamsPerUser,
        @DefaultValue("20") int maxStreamsPerAddress,
        @DefaultValue("10000") int maxStreams,
        @DefaultValue("30s") Duration ticketLifetime,
        @DefaultValue("100000") int maxOpenTickets) {}
