package social.notification.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/**
 * notification-service's copy of the block and mute lists: no notification is created between
 * users who block one another, nor for a user from one they mute, and a new block removes the
 * notifications that passed between the two.
 */
@Configuration(proxyBeanMethods = false)
class BlocksMessaging {

    @Bean
    BlockListCopy blockListCopy(JdbcClient db, ErasedUsers erased) {
        return new BlockListCopy(db, erased);
    }

    @Bean
    EventSubscription blocks(Topology topology, BlockListCopy copy, NotificationStore store) {
        return BlockListCopy.subscription(topology, copy, store::forgetBetween);
    }
}
