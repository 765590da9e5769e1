package social.user.counters;

import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/**
 * The profile counters, kept from the events of followers-service and post-service. Each event
 * counts once (the inbox drops redeliveries) and in publication order, so a decrement always
 * follows its increment; the guard at zero only protects against what should never happen.
 */
@Configuration(proxyBeanMethods = false)
class ProfileCounters {

    @Bean
    EventSubscription counters(Topology topology, JdbcClient db) {
        return EventSubscription.forConcern("profile-counters", topology)
                .inOrder()
                .on(UserFollowed.class, event -> {
                    add(db, "followers_count", event.followeeId(), 1);
                    add(db, "following_count", event.followerId(), 1);
                })
                .on(UserUnfollowed.class, event -> {
                    add(db, "followers_count", event.followeeId(), -1);
                    add(db, "following_count", event.followerId(), -1);
                })
                .on(PostCreated.class, event -> add(db, "posts_count", event.authorId(), 1))
                .on(PostDeleted.class, event -> add(db, "posts_count", event.authorId(), -1))
                .build();
    }

    /** {@code column} is one of this class's constants, never input. */
    private static void add(JdbcClient db, String column, UUID userId, int delta) {
        db.sql("UPDATE profile SET " + column + " = GREATEST(" + column + " + ?, 0) WHERE id = ?")
                .params(delta, userId).update();
    }
}
