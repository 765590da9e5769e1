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
 * @param streamBuffer         events one stream may have waiting for its client; a stream further
 *                             behind (a client that stopped reading) is ended, and its client
 *                             reconnects with {@code Last-Event-ID}
 * @param senderThreads        threads writing to the streams of one gateway; so many clients may
 *                             hang in a write at once (until the server's write timeout) before
 *                             the other streams wait
 * @param rememberedIds        notification ids each stream remembers having sent, so that one
 *                             delivered twice is sent once
 * @param resumeLimit          missed notifications sent at most to a client that reconnects with
 *                             {@code Last-Event-ID} (the newest of them; 1 to 100)
 * @param liveQueueMaxLength   batches the instance's queue of live notifications holds at most;
 *                             beyond, the broker drops the oldest (they stay in the list)
 */
@ConfigurationProperties("social.gateway.notifications")
record NotificationProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("5") int maxStreamsPerUser,
        @DefaultValue("20") int maxStreamsPerAddress,
        @DefaultValue("10000") int maxStreams,
        @DefaultValue("1000") int streamBuffer,
        @DefaultValue("64") int senderThreads,
        @DefaultValue("128") int rememberedIds,
        @DefaultValue("100") int resumeLimit,
        @DefaultValue("10000") int liveQueueMaxLength) {}
