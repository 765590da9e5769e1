package social.like.like;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import social.support.purge.PeriodicPurge;
import social.support.purge.PurgeProperties;

/** Forgets deleted posts once no like or bookmark can race with their deletion any more. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurgeProperties.class)
class TombstonePurge {

    @Bean
    PeriodicPurge deletedPostPurge(JdbcTemplate jdbc, PurgeProperties properties) {
        return PeriodicPurge.rowsOlderThan(
                jdbc, "deleted_post", "deleted_at", properties.tombstoneRetention(), properties.interval());
    }
}
