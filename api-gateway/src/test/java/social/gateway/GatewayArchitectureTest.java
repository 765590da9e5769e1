package social.gateway;

import social.support.testing.ModuleArchitectureTest;

/** the gateway: no other service's classes, no cycle between its feature packages. */
class GatewayArchitectureTest extends ModuleArchitectureTest {
    GatewayArchitectureTest() {
        // BearerTokenFilter and SecurityConfiguration (security) write web.Problems; ApiExceptionHandler and
        // OpenApiConfiguration (web) use AuthenticationRequiredException and Caller (security)
        super("social.gateway", knownCycle("social.gateway.security", "social.gateway.web"));
    }
}
