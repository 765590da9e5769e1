package social.like.like;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.auth.UserDeleted;
import social.contract.like.LikeRpc;
import social.contract.post.PostDeleted;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/** What like-service answers on {@code like.rpc}, and the events that remove likes and bookmarks. */
@Configuration(proxyBeanMethods = false)
class LikeMessaging {

    @Bean
    RpcEndpoint likeEndpoint(Topology topology, LikeStatesQuery states, Likes likes, Bookmarks bookmarks) {
        return RpcEndpoint.answering(LikeRpc.SERVICE, topology)
                .on(LikeRpc.GET_LIKE_STATES, states::states)
                .on(LikeRpc.LIKE, likes::like)
                .on(LikeRpc.UNLIKE, likes::unlike)
                .on(LikeRpc.GET_LIKERS, likes::likers)
                .on(LikeRpc.BOOKMARK, bookmarks::bookmark)
                .on(LikeRpc.UNBOOKMARK, bookmarks::unbookmark)
                .on(LikeRpc.GET_BOOKMARKS, bookmarks::bookmarks)
                .build();
    }

    @Bean
    EventSubscription deletedPosts(Topology topology, PostDeletions postDeletions) {
        return EventSubscription.forConcern("deleted-posts", topology)
                .on(PostDeleted.class, postDeletions::forget)
                .build();
    }

    /** {@code user.deleted}: the deleted account's likes and bookmarks go. */
    @Bean
    EventSubscription accountErasureEvents(Topology topology, LikeErasure erasure) {
        return EventSubscription.forConcern("account-erasure", topology)
                .on(UserDeleted.class, erasure::erase)
                .build();
    }
}
