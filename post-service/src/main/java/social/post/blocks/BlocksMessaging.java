package social.post.blocks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/**
 * post-service's copy of the block and mute lists: refuses replies, reposts and quotes across a
 * block, and leaves hidden authors out of timelines, replies, tag pages and search.
 */
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
