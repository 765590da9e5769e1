package social.auth.token;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.auth.AuthProperties;
import social.support.purge.PeriodicPurge;

/** Keeps {@code refresh_token} as small as the logins that are live or recently ended. */
@Configuration(proxyBeanMethods = false)
class TokenPurge {

    @Bean
    PeriodicPurge refreshTokenPurge(TokenRotation tokens, AuthProperties properties) {
        return new PeriodicPurge(
                "ended refresh-token families", properties.purge().interval(), tokens::purgeEndedFamilies);
    }
}
