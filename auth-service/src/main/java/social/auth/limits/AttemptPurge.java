package social.auth.limits;

import java.time.Instant;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.auth.AuthProperties;
import social.support.purge.PeriodicPurge;

/** Forgets attempt counts whose window has ended: they limit nothing any more. */
@Configuration(proxyBeanMethods = false)
class AttemptPurge {

    @Bean
    PeriodicPurge attemptCounterPurge(AttemptCounter counter, AuthProperties properties) {
        return new PeriodicPurge(
                "ended attempt counts", properties.purge().interval(), () -> counter.purgeEnded(Instant.now()));
    }
}
