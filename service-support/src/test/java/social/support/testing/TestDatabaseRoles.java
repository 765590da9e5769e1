package social.support.testing;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In a test JVM whose {@link TestInfrastructure} is started, a service's context connects as its
 * schema's own role (created on demand), not as the admin that created the database: the tests then
 * run with the privileges a deployment has, and a service reaching beyond its schema fails here too.
 * Runs after the configuration files are read, so that {@code social.db.schema} is known.
 */
public final class TestDatabaseRoles implements EnvironmentPostProcessor, Ordered {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String schema = environment.getProperty("social.db.schema");
        if (schema == null || !TestInfrastructure.started()) {
            return;
        }
        DatabaseRole role = TestInfrastructure.databaseRole(schema);
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "testDatabaseRole",
                        Map.of(
                                "spring.datasource.username",
                                role.user(),
                                "spring.datasource.password",
                                role.password())));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
