package social.like.blocks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/** like-service's copy of the block and mute lists: refuses likes and bookmarks across a block. */
@Configuration(proxyBeanMethods = false)
class BlocksMessaging {

    @Bean
    BlockListCopy blockListCopy(JdbcClient db, ErasedUsers erased) {
        return new BlockListCopy(db, erased);
    }

    @Bean
    EventSubscription blocks(Topology topology, BlockListCopy copy) {
        return BlockListCopy.subscription(topology, copy);
    }
}
