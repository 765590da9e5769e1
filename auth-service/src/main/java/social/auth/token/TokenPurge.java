package social.auth.token;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import social.auth.AuthProperties;
import social.support.purge.PeriodicPurge;

/**
 * Keeps {@code refresh_token} as small as the logins that are live or recently ended, and the
 * successors sealed for a retried refresh no longer than their grace window.
 */
@Configuration(proxyBeanMethods = false)
class TokenPurge {

    @Bean
    PeriodicPurge refreshTokenPurge(TokenRotation tokens, AuthProperties properties) {
        return new PeriodicPurge(
                "ended refresh-token families", properties.purge().interval(), tokens::purgeEndedFamilies);
    }

    /** A live login keeps its rotated tokens only as long as reuse detection needs them. */
    @Bean
    PeriodicPurge rotatedTokenPurge(TokenRotation tokens, AuthProperties properties) {
        return new PeriodicPurge(
                "rotated refresh tokens past reuse detection",
                properties.purge().interval(),
                tokens::purgeRotatedTokens);
    }

    /** Successors kept sealed for a retried refresh live no longer than their grace window (and a run). */
    @Bean
    PeriodicPurge sealedSuccessorPurge(TokenRotation tokens, AuthProperties properties) {
        Duration grace = properties.refreshRetryGrace();
        return new PeriodicPurge(
                "refresh-token successors kept past their grace window",
                grace.compareTo(Duration.ZERO) > 0 ? grace : properties.purge().interval(),
                tokens::forgetSealedSuccessors);
    }
}
