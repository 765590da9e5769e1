package social.support.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service talks to the broker.
 *
 * @param prefix              put in front of every exchange and queue name, so that test runs,
 *                            local runs and other developers on one broker never meet
 * @param rpcTimeout          how long a caller waits for a reply (the request expires with it)
 * @param rpcMaxInFlight      requests a caller lets await replies at once; beyond, it sheds load
 *                            (503) instead of queueing until it runs out of memory
 * @param rpcConcurrency      consumers answering this service's requests
 * @param eventConcurrency    consumers per event subscription
 * @param prefetch            unacknowledged events a consumer may hold
 * @param rpcPrefetch         unanswered requests a consumer may hold: small, so that a slow
 *                            request does not hold others back while other consumers idle
 * @param maxDeliveryAttempts attempts of an event handler in a row; then an event of an unordered
 *                            subscription that fails by itself is dead-lettered, and any other is
 *                            put back and tried again after a pause
 * @param retryBackoff        pause before the second attempt, doubled for each further one
 * @param retryBackoffMax     the longest pause before an event that was put back is tried again: an
 *                            in-order subscription's event that keeps failing is retried at least
 *                            this often, however long it has been failing
 * @param processedEventRetention how long consumers remember applied event ids (longer than any
 *                            redelivery can take)
 * @param maxEventAge         events that occurred longer ago are not applied but dead-lettered: their
 *                            id may already be forgotten (see {@code processedEventRetention}, which
 *                            must be longer), so applying them could apply them twice
 * @param deadLetterMaxLength messages a dead-letter queue keeps at most (its oldest go first beyond):
 *                            the {@code x-max-length} of the dead-letter queues this service declares
 * @param deadLetterPollInterval how often the dead-letter queues' message counts are read from the
 *                            broker for the {@code social.events.dead.letters} gauges
 * @param transientTopology   declare queues that expire and exchanges that auto-delete once
 *                            unused, for test runs that must leave the broker as they found it
 * @param verifySenders       check each message's broker-validated {@code user_id} against
 *                            {@link Senders}; off only where all parties share one broker user
 * @param queueType           classic (one node) or quorum (replicated, for clusters) queues for
 *                            what the instances of a service share (see {@link QueueType})
 */
@ConfigurationProperties("social.messaging")
public record MessagingProperties(
        @DefaultValue("") String prefix,
        @DefaultValue("5s") Duration rpcTimeout,
        @DefaultValue("2000") int rpcMaxInFlight,
        @DefaultValue("8") int rpcConcurrency,
        @DefaultValue("4") int eventConcurrency,
        @DefaultValue("50") int prefetch,
        @DefaultValue("5") int rpcPrefetch,
        @DefaultValue("5") int maxDeliveryAttempts,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("1m") Duration retryBackoffMax,
        @DefaultValue("7d") Duration processedEventRetention,
        @DefaultValue("6d") Duration maxEventAge,
        @DefaultValue("100000") int deadLetterMaxLength,
        @DefaultValue("30s") Duration deadLetterPollInterval,
        @DefaultValue("false") boolean transientTopology,
        @DefaultValue("true") boolean verifySenders,
        @DefaultValue("classic") QueueType queueType) {

    public MessagingProperties {
        if (maxEventAge.compareTo(processedEventRetention) >= 0) {
            throw new IllegalArgumentException("social.messaging.max-event-age (" + maxEventAge
                    + ") must be shorter than social.messaging.processed-event-retention (" + processedEventRetention
                    + "): an older event's id may be forgotten, and it could be applied twice");
        }
    }
}
