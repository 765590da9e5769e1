package social.notification.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.support.locks.StripedLocks;

/**
 * The recipients' stripes (issue 23): every insert of notifications holds its recipients' stripes
 * shared, an erasure or a block that removes notifications holds its users' stripes exclusively, so
 * a notification whose insert started before the tombstone or the block is committed is removed by
 * it, and one that starts after sees it and is not written. 64 stripes: a fan-out takes at most 64
 * locks; an erasure or a block waits only for the inserts in flight that share a stripe with it.
 */
@Configuration(proxyBeanMethods = false)
class RecipientLocks {
    /** The key space of these advisory locks (two-key form; the number). */
    static final int LOCK_SPACE = 23;

    static final int STRIPES = 64;

    @Bean
    StripedLocks recipientStripes(JdbcClient db) {
        return new StripedLocks(db, LOCK_SPACE, STRIPES);
    }
}
