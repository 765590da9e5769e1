package social.support.events;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;
import org.springframework.amqp.support.converter.MessageConversionException;

import social.contract.Event;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.Senders;
import social.support.rpc.Outages;

/**
 * Applies each event of a subscription once. A handler that keeps failing is tried a bounded
 * number of times; then a poison event (one that fails by itself) is rejected to the
 * dead-letter queue so that the queue keeps moving, while one that failed because the database
 * or another service was unreachable is put back to be tried again later: an outage must not
 * lose events. The message is acknowledged only after the handler's transaction committed.
 */
final class EventListener implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(EventListener.class);

    private final EventSubscription subscription;
    private final ContractMessageConverter converter;
    private final Inbox inbox;
    private final int maxAttempts;
    private final Duration backoff;
    private final Senders senders;

    EventListener(
            EventSubscription subscription,
            ContractMessageConverter converter,
            Inbox inbox,
            int maxAttempts,
            Duration backoff,
            Senders senders) {
        this.subscription = subscription;
        this.senders = senders;
        this.converter = converter;
        this.inbox = inbox;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.backoff = backoff;
    }

    @Override
    public void onMessage(Message message) {
        String sender = message.getMessageProperties().getReceivedUserId();
        String type = message.getMessageProperties().getType();
        senders.refusesEvent(sender, type).ifPresent(refused -> {
            log.error("{} dead-letters a {} event from {}: {}", subscription.queue(), type, sender, refused);
            throw new AmqpRejectAndDontRequeueException("sender refused: " + refused);
        });
        Event event = read(message);
        var handler = subscription.handler(event.getClass());
        if (handler == null) {
            throw new AmqpRejectAndDontRequeueException(subscription.queue() + " has no handler for "
                    + message.getMessageProperties().getType());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                inbox.applyOnce(subscription.queue(), event.eventId(), () -> handler.accept(event));
                return;
            } catch (RuntimeException e) {
                if (attempt >= maxAttempts && Outages.isOutage(e)) {
                    log.warn("{} puts event {} back: {}", subscription.queue(), event.eventId(), e.toString());
                    pause(backoff.multipliedBy(1L << Math.min(attempt, 6)));
                    throw new TransientFailure(e);
                }
                if (attempt >= maxAttempts) {
                    log.error(
                            "{} dead-letters event {} ({}) after {} attempts",
                            subscription.queue(),
                            event.eventId(),
                            message.getMessageProperties().getType(),
                            attempt,
                            e);
                    throw new AmqpRejectAndDontRequeueException("gave up on event " + event.eventId(), e);
                }
                log.warn(
                        "{} attempt {} at event {} failed: {}",
                        subscription.queue(),
                        attempt,
                        event.eventId(),
                        e.toString());
                pause(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
    }

    /** Rethrown so that the container requeues the message (it is not rejected to the DLQ). */
    static final class TransientFailure extends RuntimeException {
        TransientFailure(Throwable cause) {
            super(cause);
        }
    }

    private Event read(Message message) {
        try {
            if (converter.fromMessage(message) instanceof Event event) {
                return event;
            }
        } catch (MessageConversionException e) {
            log.error("{} dead-letters an unreadable message: {}", subscription.queue(), e.getMessage());
            throw new AmqpRejectAndDontRequeueException(e);
        }
        throw new AmqpRejectAndDontRequeueException(
                "not an event: " + message.getMessageProperties().getType());
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // shutting down: leave the event to be redelivered, not dead-lettered
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
