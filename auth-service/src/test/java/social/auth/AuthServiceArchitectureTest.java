package social.auth;

import social.support.testing.ModuleArchitectureTest;

/** auth-service: no other service's classes, no cycle between its feature packages. */
class AuthServiceArchitectureTest extends ModuleArchitectureTest {
    AuthServiceArchitectureTest() {
        // AuthRpcConfiguration (root) wires login and token, which read AuthProperties (root): being removed elsewhere
        super("social.auth",
                knownCycle("social.auth (root)", "social.auth.login"),
                knownCycle("social.auth (root)", "social.auth.token"),
                knownCycle("social.auth (root)", "social.auth.login", "social.auth.token"));
    }
}
