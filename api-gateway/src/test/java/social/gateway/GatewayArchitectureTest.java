package social.gateway;

import social.support.testing.ModuleArchitectureTest;

/** api-gateway: no other service's classes, no cycle between its feature packages. */
class GatewayArchitectureTest extends ModuleArchitectureTest {
    GatewayArchitectureTest() {
        super("social.gateway");
    }
}
