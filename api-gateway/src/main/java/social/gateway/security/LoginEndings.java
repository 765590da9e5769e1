package social.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.LoginEnded;
import social.contract.auth.UserDeleted;
import social.support.events.InstanceSubscription;
import social.support.messaging.Topology;

/**
 * Every gateway instance hears {@code auth.login-ended} and {@code user.deleted} on a queue of its
 * own and adds the login, or the deleted account, to its {@link LoggedOutLogins}. At most once, like every instance subscription: an event lost
 * while the queue was gone (a lost broker connection) leaves that login's access tokens valid
 * until they expire, as they were before deny lists existed.
 */
@Configuration(proxyBeanMethods = false)
class LoginEndings {

    @Bean
    InstanceSubscription loginEndedEvents(Topology topology, LoggedOutLogins loggedOut) {
        return InstanceSubscription.forInstance("login-endings", topology)
                .on(LoginEnded.class, loggedOut::ended)
                .on(UserDeleted.class, loggedOut::deleted)
                .build();
    }
}
