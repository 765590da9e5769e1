package social.user.counters;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/** The follow and post events that the {@link ProfileCounters} count, in publication order. */
@Configuration(proxyBeanMethods = false)
class CountersMessaging {

    @Bean
    EventSubscription counters(Topology topology, ProfileCounters counters) {
        return EventSubscription.forConcern("profile-counters", topology)
                .inOrder()
                .on(UserFollowed.class, event -> counters.followed(event.followerId(), event.followeeId()))
                .on(UserUnfollowed.class, event -> counters.unfollowed(event.followerId(), event.followeeId()))
                .on(PostCreated.class, event -> counters.posted(event.authorId()))
                .on(PostDeleted.class, event -> counters.postDeleted(event.authorId()))
                .build();
    }
}
