package social.gateway.security;

import java.util.List;
import java.util.Map;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import social.gateway.GatewayProperties;
import social.gateway.web.ProblemCode;
import social.gateway.web.Problems;
import social.gateway.webclient.WebClientHeaders;

/**
 * Stateless bearer-token security. Which endpoints need a caller is declared by the handlers
 * themselves ({@link Caller}), so the rules cannot drift from the routes; Spring Security
 * verifies tokens, sets security headers and answers its own refusals as problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    static {
        // the caller comes from the bearer token, not from a request parameter of the API
        SpringDocUtils.getConfig().addAnnotationsToIgnore(Caller.class);
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http, AccessTokenVerifier verifier, GatewayProperties properties, Problems problems)
            throws Exception {
        return http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // with Spring Security's defaults (nosniff, X-Frame-Options DENY, no-store unless set): the web
                // client's
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(WebClientHeaders.CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(
                        new BearerTokenFilter(verifier, new InvalidTokenThrottle(properties.rateLimit()), problems),
                        AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> problems.write(
                                response,
                                ProblemCode.UNAUTHENTICATED,
                                "A valid access token is required.",
                                Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer")))
                        .accessDeniedHandler((request, response, e) ->
                                problems.write(response, ProblemCode.FORBIDDEN, "Not allowed.", Map.of())))
                .build();
    }

    /**
     * No observation per security filter: tracing detail that nobody reads here, and under load
     * about a tenth of the gateway's CPU (the request as a whole is still observed).
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No user store here: only tokens authenticate. (Keeps Boot from generating a default user.) */
    @Bean
    UserDetailsService noUsers() {
        return new InMemoryUserDetailsManager();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }
}
