package social.user.erasure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.UserDeleted;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/** {@code user.deleted}: the deleted account's profile is erased. */
@Configuration(proxyBeanMethods = false)
class ErasureMessaging {

    @Bean
    EventSubscription accountErasureEvents(Topology topology, ProfileErasure erasure) {
        return EventSubscription.forConcern("account-erasure", topology)
                .on(UserDeleted.class, erasure::erase)
                .build();
    }
}
