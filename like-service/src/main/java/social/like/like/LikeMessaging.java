package social.like.like;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.like.LikeRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What like-service answers on {@code like.rpc}. */
@Configuration(proxyBeanMethods = false)
class LikeMessaging {

    @Bean
    RpcEndpoint likeEndpoint(Topology topology, LikeStatesQuery states) {
        return RpcEndpoint.answering(LikeRpc.SERVICE, topology)
                .on(LikeRpc.GET_LIKE_STATES, states::states)
                .build();
    }
}
