package social.gateway.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.LoginEnded;
import social.contract.auth.UserDeleted;
import social.support.events.InstanceSubscription;
import social.support.messaging.Topology;

/**
 * Every gateway instance hears {@code auth.login-ended} and {@code user.deleted} on a queue of its
 * own and adds the login, or the deleted account, to its {@link LoggedOutLogins}. At most once, like
 * every instance subscription, so an event published while the queue was gone (deleted, or a lost
 * broker connection) is missed: from the moment the instance finds its queue gone until it has
 * subscribed again and loaded the live denials from auth-service, it does not trust its list alone
 * ({@link DenyListRecovery}, issue 23).
 */
@Configuration(proxyBeanMethods = false)
class LoginEndings {

    @Bean
    InstanceSubscription loginEndedEvents(Topology topology, LoggedOutLogins loggedOut, DenyListRecovery recovery) {
        return InstanceSubscription.forInstance("login-endings", topology)
                .on(LoginEnded.class, loggedOut::ended)
                .on(UserDeleted.class, loggedOut::deleted)
                .whenLost(recovery::lost)
                .whenResubscribed(recovery::resubscribed)
                .build();
    }
}
