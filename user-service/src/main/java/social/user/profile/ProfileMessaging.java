package social.user.profile;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.UserRegistered;
import social.contract.user.CreateProfileRequest;
import social.contract.user.UserRpc;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What user-service answers on {@code user.rpc}, and the events that keep profiles current. */
@Configuration(proxyBeanMethods = false)
class ProfileMessaging {

    @Bean
    RpcEndpoint userEndpoint(Topology topology, Profiles profiles) {
        return RpcEndpoint.answering(UserRpc.SERVICE, topology)
                .on(UserRpc.CREATE_PROFILE, profiles::create)
                .on(UserRpc.GET, profiles::get)
                .on(UserRpc.FIND_BY_USERNAME, profiles::findByUsername)
                .on(UserRpc.UPDATE_PROFILE, profiles::update)
                .on(UserRpc.SEARCH, profiles::search)
                .on(UserRpc.GET_SUMMARIES, profiles::summaries)
                .on(UserRpc.FIND_BY_USERNAMES, profiles::findByUsernames)
                .build();
    }

    /** Registration's reply creates the profile at once; this makes sure it exists even if that call was lost. */
    @Bean
    EventSubscription registrations(Topology topology, Profiles profiles) {
        return EventSubscription.forConcern("registrations", topology)
                .on(
                        UserRegistered.class,
                        event -> profiles.registered(
                                new CreateProfileRequest(event.userId(), event.username(), event.displayName())))
                .build();
    }
}
