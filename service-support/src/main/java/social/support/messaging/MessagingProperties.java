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
 * @param maxDeliveryAttempts attempts of an event handler before the event is dead-lettered
 * @param retryBackoff        pause before the second attempt, doubled for each further one
 * @param processedEventRetention how long consumers remember applied event ids (longer than any
 *                            redelivery can take)
 * @param transientTopology   declare queues that expire and exchanges that auto-delete once
 *                            unused, for test runs that must leave the broker as they found it
 * @param verifySenders       check each message's broker-validated {@code user_id} against
 *                            {@link Senders}; off only where all parties share one broker user
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
        @DefaultValue("7d") Duration processedEventRetention,
        @DefaultValue("false") boolean transientTopology,
        @DefaultValue("true") boolean verifySenders) {}
