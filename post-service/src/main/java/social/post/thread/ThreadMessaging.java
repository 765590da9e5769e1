package social.post.thread;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.post.PostRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What post-service answers on {@code post.rpc} about threads: the context of a post. */
@Configuration(proxyBeanMethods = false)
class ThreadMessaging {

    @Bean
    RpcEndpoint threadEndpoint(Topology topology, ThreadContext context) {
        return RpcEndpoint.answering(PostRpc.SERVICE, topology)
                .on(PostRpc.GET_CONTEXT, context::of)
                .build();
    }
}
