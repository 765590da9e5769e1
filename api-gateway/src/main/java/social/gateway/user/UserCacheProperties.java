package social.gateway.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's copy of user summaries ({@link UserDirectory}).
 *
 * @param maxSize          users kept at most (a few hundred bytes each); the least used go first
 * @param expireAfterWrite how long a copy is kept at most: a safety net should an invalidation
 *                         event be missed (renames reach every gateway through events)
 */
@ConfigurationProperties("social.gateway.user-cache")
record UserCacheProperties(
        @DefaultValue("100000") long maxSize,
        @DefaultValue("10m") Duration expireAfterWrite) {}
