package social.post.followgraph;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/** The follow events that keep the {@link FollowGraphCopy} current, in publication order. */
@Configuration(proxyBeanMethods = false)
class FollowGraphMessaging {

    @Bean
    EventSubscription followGraph(Topology topology, FollowGraphCopy copy) {
        return EventSubscription.forConcern("follow-graph", topology)
                .inOrder()
                .on(
                        UserFollowed.class,
                        event -> copy.followed(event.followerId(), event.followeeId(), event.pairVersion()))
                .on(
                        UserUnfollowed.class,
                        event -> copy.unfollowed(event.followerId(), event.followeeId(), event.pairVersion()))
                .build();
    }
}
