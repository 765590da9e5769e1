package social.support.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.support.erasure.ErasedUsers;
import social.support.purge.PeriodicPurge;
import social.support.purge.PurgeProperties;

/**
 * The tombstones of deleted accounts ({@link ErasedUsers}) for a service that erases accounts
 * ({@code social.erasure.tombstones=true}; its schema has the {@code erased_user} table), purged
 * after {@code social.purge.tombstone-retention}, far longer than any event can arrive late.
 */
@AutoConfiguration(after = PersistenceMessagingAutoConfiguration.class)
@ConditionalOnProperty(name = "social.erasure.tombstones", havingValue = "true")
@EnableConfigurationProperties(PurgeProperties.class)
public class ErasureAutoConfiguration {

    @Bean
    ErasedUsers erasedUsers(JdbcTemplate jdbc) {
        return new ErasedUsers(JdbcClient.create(jdbc));
    }

    @Bean
    PeriodicPurge erasedUserPurge(JdbcTemplate jdbc, PurgeProperties properties) {
        return ErasedUsers.purge(jdbc, properties.tombstoneRetention(), properties.interval());
    }
}
