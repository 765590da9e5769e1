package social.support.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import social.support.management.ManagementAccessFilter;
import social.support.management.ManagementAccessProperties;

/**
 * The actuator's guard ({@link ManagementAccessFilter}) for every service and the gateway, wherever the
 * actuator is served: in the application's context when it shares its port, in the management context
 * when it has a port of its own (MANAGEMENT_PORT).
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ManagementAccessProperties.class)
public class ManagementAccessConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ManagementAccessConfiguration.class);

    @Bean
    FilterRegistrationBean<ManagementAccessFilter> managementAccessFilter(
            ManagementAccessProperties properties, WebEndpointProperties endpoints, Environment environment) {
        if (!properties.hasToken()) {
            log.warn("No MANAGEMENT_TOKEN is set: the actuator's endpoints other than health and prometheus"
                    + " refuse every request");
        }
        boolean ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
        FilterRegistrationBean<ManagementAccessFilter> registration =
                new FilterRegistrationBean<>(new ManagementAccessFilter(properties, endpoints.getBasePath(), ownPort));
        registration.setName("managementAccessFilter");
        // before anything else reads the request (the gateway's security, rate limits, metrics of refused calls)
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
