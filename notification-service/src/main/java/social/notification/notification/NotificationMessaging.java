package social.notification.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.follow.UserFollowed;
import social.contract.like.LikeAdded;
import social.contract.notification.NotificationRpc;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.post.PostEdited;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/**
 * What notification-service answers on {@code notification.rpc}, and the events it turns into
 * notifications. The NEW_POST fan-out has a queue of its own, so that a post by an author with
 * many followers never holds up follows, likes, replies and mentions. {@code like.removed} is not
 * followed: a LIKE notification stays, so liking again notifies no one a second time.
 */
@Configuration(proxyBeanMethods = false)
class NotificationMessaging {

    @Bean
    RpcEndpoint notificationEndpoint(Topology topology, Notifications notifications) {
        return RpcEndpoint.answering(NotificationRpc.SERVICE, topology)
                .on(NotificationRpc.LIST, notifications::list)
                .on(NotificationRpc.COUNT_UNREAD, notifications::countUnread)
                .on(NotificationRpc.MARK_READ, notifications::markRead)
                .on(NotificationRpc.MARK_ALL_READ, notifications::markAllRead)
                .build();
    }

    @Bean
    EventSubscription notificationEvents(Topology topology, Notifications notifications) {
        return EventSubscription.forConcern("notifications", topology)
                .on(UserFollowed.class, notifications::followed)
                .on(LikeAdded.class, notifications::liked)
                .on(PostCreated.class, notifications::postCreated)
                .on(PostDeleted.class, notifications::postDeleted)
                .on(PostEdited.class, notifications::postEdited)
                .build();
    }

    @Bean
    EventSubscription newPostFanOut(Topology topology, Notifications notifications) {
        return EventSubscription.forConcern("new-posts", topology)
                .on(PostCreated.class, notifications::fanOut)
                .build();
    }
}
