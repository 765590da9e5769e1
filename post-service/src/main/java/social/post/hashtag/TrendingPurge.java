package social.post.hashtag;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import social.support.purge.PeriodicPurge;
import social.support.purge.PurgeProperties;

/** Forgets trending counts older than the longest window: nobody reads them any more. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PurgeProperties.class)
class TrendingPurge {

    @Bean
    PeriodicPurge trendingCountsPurge(JdbcTemplate jdbc, PurgeProperties properties) {
        return PeriodicPurge.rowsOlderThan(
                jdbc, "hashtag_author_hour", "hour", Trending.RETENTION, properties.interval());
    }
}
