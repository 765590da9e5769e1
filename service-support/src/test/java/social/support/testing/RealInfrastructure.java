package social.support.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Makes sure the real Postgres and RabbitMQ of this run are ready before a Spring context starts. */
public final class RealInfrastructure implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        TestInfrastructure.start();
    }
}
