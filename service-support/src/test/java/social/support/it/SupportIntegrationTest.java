package social.support.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import social.support.testing.EventReplay;
import social.support.testing.RealInfrastructure;

/** The backbone's test application against the run's real Postgres and RabbitMQ. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(
        classes = SupportTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.application.name=support-it",
            "social.db.schema=support_it",
            "social.messaging.rpc-timeout=1s",
            "social.messaging.event-concurrency=1",
            "social.messaging.max-delivery-attempts=3",
            "social.messaging.retry-backoff=10ms",
            "social.messaging.retry-backoff-max=200ms",
            "social.messaging.dead-letter-poll-interval=200ms",
            // the outbox tests drive relays of their own, through a connection they can cut
            "social.outbox.relay-enabled=false"
        })
@Import(EventReplay.class)
@interface SupportIntegrationTest {}
