package social.user;

import social.support.testing.ModuleArchitectureTest;

/** user-service: no other service's classes, no cycle between its feature packages. */
class UserServiceArchitectureTest extends ModuleArchitectureTest {
    UserServiceArchitectureTest() {
        super("social.user");
    }
}
