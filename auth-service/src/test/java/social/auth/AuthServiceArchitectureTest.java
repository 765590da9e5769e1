package social.auth;

import social.support.testing.ModuleArchitectureTest;

/** auth-service: no other service's classes, no cycle between its feature packages. */
class AuthServiceArchitectureTest extends ModuleArchitectureTest {
    AuthServiceArchitectureTest() {
        super("social.auth");
    }
}
