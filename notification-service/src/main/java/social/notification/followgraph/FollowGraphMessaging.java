package social.notification.followgraph;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.follow.FollowNotifyChanged;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/** The events that keep the local follow graph current, on a queue of their own. */
@Configuration(proxyBeanMethods = false)
class FollowGraphMessaging {

    @Bean
    EventSubscription followGraphEvents(Topology topology, FollowGraph graph) {
        return EventSubscription.forConcern("follow-graph", topology)
                .on(
                        UserFollowed.class,
                        event -> graph.followed(
                                event.followerId(),
                                event.followeeId(),
                                event.notifyEnabled(),
                                event.pairVersion(),
                                event.occurredAt()))
                .on(
                        UserUnfollowed.class,
                        event -> graph.unfollowed(
                                event.followerId(), event.followeeId(), event.pairVersion(), event.occurredAt()))
                .on(
                        FollowNotifyChanged.class,
                        event -> graph.notifyChanged(
                                event.followerId(),
                                event.followeeId(),
                                event.notifyEnabled(),
                                event.pairVersion(),
                                event.occurredAt()))
                .build();
    }
}
