package social.post.hashtag;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.post.PostRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What post-service answers on {@code post.rpc} about hashtags: tag pages, trending tags, autocomplete. */
@Configuration(proxyBeanMethods = false)
class HashtagMessaging {

    @Bean
    RpcEndpoint hashtagEndpoint(Topology topology, TagPages tagPages, Trending trending, TagSearch search) {
        return RpcEndpoint.answering(PostRpc.SERVICE, topology)
                .on(PostRpc.GET_TAG_POSTS, tagPages::page)
                .on(PostRpc.GET_TRENDING_TAGS, trending::top)
                .on(PostRpc.SEARCH_TAGS, search::search)
                .build();
    }
}
