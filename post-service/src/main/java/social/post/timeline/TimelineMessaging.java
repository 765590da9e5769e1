package social.post.timeline;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.post.PostRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What post-service answers on {@code post.rpc} about timelines. */
@Configuration(proxyBeanMethods = false)
class TimelineMessaging {

    @Bean
    RpcEndpoint timelineEndpoint(Topology topology, HomeTimeline timeline) {
        return RpcEndpoint.answering(PostRpc.SERVICE, topology)
                .on(PostRpc.GET_HOME_TIMELINE, timeline::page)
                .build();
    }
}
