package social.post.followgraph;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/**
 * post-service's own copy of who follows whom ({@code followed}), fed by followers-service's
 * events, so that the home timeline needs no question to another service. Applied in order,
 * since a follow and its unfollow do not commute.
 */
@Configuration(proxyBeanMethods = false)
class FollowGraphCopy {

    @Bean
    EventSubscription followGraph(Topology topology, JdbcClient db) {
        return EventSubscription.forConcern("follow-graph", topology)
                .inOrder()
                .on(UserFollowed.class, event -> db.sql("""
                                INSERT INTO followed (follower_id, followee_id) VALUES (?, ?) ON CONFLICT DO NOTHING""")
                        .params(event.followerId(), event.followeeId()).update())
                .on(UserUnfollowed.class, event -> db.sql("DELETE FROM followed WHERE follower_id = ? AND followee_id = ?")
                        .params(event.followerId(), event.followeeId()).update())
                .build();
    }
}
