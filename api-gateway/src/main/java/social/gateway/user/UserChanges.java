package social.gateway.user;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.user.ProfileErased;
import social.contract.user.UserProfileUpdated;
import social.support.events.InstanceSubscription;
import social.support.messaging.Topology;

/**
 * Keeps this instance's {@link UserDirectory} current: every gateway instance hears
 * {@code user.profile-updated} on a queue of its own and forgets the renamed user, whose next
 * summary then comes from user-service (forgetting rather than storing the event's summary: a
 * late event can never overwrite a newer name that way).
 */
@Configuration(proxyBeanMethods = false)
class UserChanges {

    /**
     * Forgets each renamed user; and everyone after resubscribing, since renames published while
     * the queue was gone (a lost connection takes it along) were missed.
     */
    @Bean
    InstanceSubscription userChangeEvents(Topology topology, UserDirectory users) {
        return InstanceSubscription.forInstance("user-changes", topology)
                .on(UserProfileUpdated.class, renamed -> users.forget(renamed.userId()))
                // a deleted account's summary goes once user-service erased its profile
                .on(ProfileErased.class, erased -> users.forget(erased.userId()))
                .whenResubscribed(users::forgetAll)
                .build();
    }
}
