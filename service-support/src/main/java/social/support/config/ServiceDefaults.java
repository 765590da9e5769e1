package social.support.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Settings every service shares (broker and database from env vars, Flyway, JPA, actuator),
 * added with the lowest precedence so that a service's own configuration and env vars win; and the
 * switches of docs/operations.md ("Tracing") that depend on each other:
 * <ul>
 *   <li>{@code OTLP_TRACING_ENDPOINT} (or Spring's own property) sends spans there, every trace
 *       sampled unless {@code TRACING_SAMPLING_PROBABILITY} says otherwise; without an endpoint
 *       nothing is exported and nothing is sampled (no span costs anything);</li>
 *   <li>{@code LOG_FORMAT=json} (or {@code ecs}, {@code logstash}, {@code gelf}) logs structured
 *       JSON lines with the trace and span ids.</li>
 * </ul>
 */
public class ServiceDefaults implements EnvironmentPostProcessor {
    private static final String RESOURCE = "social-service-defaults.properties";
    static final String OTLP_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
    static final String SAMPLING = "management.tracing.sampling.probability";
    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

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
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("socialOperationsDefaults", operations(environment)));
    }

    static Map<String, Object> operations(ConfigurableEnvironment environment) {
        Map<String, Object> defaults = new HashMap<>();
        String endpoint = environment.getProperty(OTLP_ENDPOINT, environment.getProperty("OTLP_TRACING_ENDPOINT", ""));
        if (!endpoint.isBlank()) {
            defaults.put(OTLP_ENDPOINT, endpoint);
        }
        defaults.put(SAMPLING, "${TRACING_SAMPLING_PROBABILITY:" + (endpoint.isBlank() ? "0.0" : "1.0") + "}");
        String format = environment.getProperty("LOG_FORMAT", "").trim().toLowerCase(Locale.ROOT);
        if (!format.isEmpty() && !format.equals("text")) {
            defaults.put(STRUCTURED_CONSOLE, format.equals("json") ? "ecs" : format);
        }
        return defaults;
    }
}
