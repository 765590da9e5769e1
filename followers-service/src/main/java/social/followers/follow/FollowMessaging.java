package social.followers.follow;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.UserDeleted;
import social.contract.follow.FollowRpc;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What followers-service answers on {@code followers.rpc}. */
@Configuration(proxyBeanMethods = false)
class FollowMessaging {

    @Bean
    RpcEndpoint followersEndpoint(Topology topology, Follows follows, Blocks blocks) {
        return RpcEndpoint.answering(FollowRpc.SERVICE, topology)
                .on(FollowRpc.FOLLOW, follows::follow)
                .on(FollowRpc.UNFOLLOW, follows::unfollow)
                .on(FollowRpc.SET_NOTIFY, follows::setNotify)
                .on(FollowRpc.GET_RELATIONSHIP, follows::relationship)
                .on(FollowRpc.GET_FOLLOWERS, follows::followers)
                .on(FollowRpc.GET_FOLLOWING, follows::following)
                .on(FollowRpc.BLOCK, blocks::block)
                .on(FollowRpc.UNBLOCK, blocks::unblock)
                .on(FollowRpc.MUTE, blocks::mute)
                .on(FollowRpc.UNMUTE, blocks::unmute)
                .on(FollowRpc.GET_BLOCKS, blocks::blocks)
                .on(FollowRpc.GET_MUTES, blocks::mutes)
                .build();
    }

    /** {@code user.deleted}: every follow of the deleted account goes, both ways. */
    @Bean
    EventSubscription accountErasureEvents(Topology topology, FollowErasure erasure) {
        return EventSubscription.forConcern("account-erasure", topology)
                .on(UserDeleted.class, erasure::erase)
                .build();
    }
}
