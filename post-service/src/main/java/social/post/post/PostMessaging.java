package social.post.post;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.post.PostRpc;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What post-service answers on {@code post.rpc} about posts, replies and reposts. */
@Configuration(proxyBeanMethods = false)
class PostMessaging {

    @Bean
    RpcEndpoint postEndpoint(Topology topology, Posts posts) {
        return RpcEndpoint.answering(PostRpc.SERVICE, topology)
                .on(PostRpc.CREATE, posts::create)
                .on(PostRpc.GET, posts::get)
                .on(PostRpc.GET_MANY, posts::getMany)
                .on(PostRpc.DELETE, posts::delete)
                .on(PostRpc.GET_REPLIES, posts::replies)
                .on(PostRpc.REPOST, posts::repost)
                .on(PostRpc.UNDO_REPOST, posts::undoRepost)
                .on(PostRpc.GET_USER_POSTS, posts::byUser)
                .on(PostRpc.GET_QUOTES, posts::quotes)
                .on(PostRpc.EDIT, posts::edit)
                .on(PostRpc.GET_HISTORY, posts::history)
                .build();
    }
}
