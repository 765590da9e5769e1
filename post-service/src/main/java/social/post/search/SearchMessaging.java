package social.post.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.post.PostRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What post-service answers on {@code post.rpc} about search. */
@Configuration(proxyBeanMethods = false)
class SearchMessaging {

    @Bean
    RpcEndpoint searchEndpoint(Topology topology, PostSearch search) {
        return RpcEndpoint.answering(PostRpc.SERVICE, topology)
                .on(PostRpc.SEARCH, search::page)
                .build();
    }
}
