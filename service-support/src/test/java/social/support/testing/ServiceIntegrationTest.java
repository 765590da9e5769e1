package social.support.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A service's Spring context against this run's real Postgres and RabbitMQ, with the test
 * fixtures as beans: {@link RpcCalls} to ask the service, {@link EventReplay} to deliver events
 * to it, {@link SubscriberStandIns} for the queues of the other services' subscriptions, which
 * its outbox waits for. {@link EventProbe} reads the events it publishes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import({RpcCalls.class, EventReplay.class, SubscriberStandIns.class})
public @interface ServiceIntegrationTest {}
