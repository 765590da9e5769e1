package social.gateway.user;

import java.util.List;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.AsyncConsumerRestartedEvent;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.user.UserProfileUpdated;
import social.gateway.messaging.InstanceQueue;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingProperties;
import social.support.messaging.Topology;

/**
 * Keeps this instance's {@link UserDirectory} current: every gateway instance hears
 * {@code user.profile-updated} on a queue of its own and forgets the renamed user, whose next
 * summary then comes from user-service (forgetting rather than storing the event's summary: a
 * late event can never overwrite a newer name that way).
 */
@Configuration(proxyBeanMethods = false)
class UserChanges {

    @Bean
    Declarables userChangesQueue(Topology topology) {
        return InstanceQueue.declare(topology, "user-changes", List.of(UserProfileUpdated.class));
    }

    @Bean
    SimpleMessageListenerContainer userChangesListener(ConnectionFactory connectionFactory, Declarables userChangesQueue,
                                                       ContractMessageConverter converter, MessagingProperties properties,
                                                       UserDirectory users) {
        return InstanceQueue.listen(connectionFactory, userChangesQueue, converter, properties, UserProfileUpdated.class,
                renamed -> users.forget(renamed.userId()));
    }

    /** Renames published while the queue was gone (a lost connection takes it along) were missed: start afresh. */
    @Bean
    ApplicationListener<AsyncConsumerRestartedEvent> forgetUsersWhenResubscribed(
            SimpleMessageListenerContainer userChangesListener, UserDirectory users) {
        return event -> {
            if (event.getSource() == userChangesListener) {
                users.forgetAll();
            }
        };
    }
}
