package social.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Settings every service shares (broker and database from env vars, Flyway, JPA, actuator),
 * added with the lowest precedence so that a service's own configuration and env vars win.
 */
public class ServiceDefaults implements EnvironmentPostProcessor {
    private static final String RESOURCE = "social-service-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment
                    .getPropertySources()
                    .addLast(new ResourcePropertySource(
                            "socialServiceDefaults",
                            new ClassPathResource(RESOURCE, ServiceDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
