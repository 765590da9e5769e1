package social.followers;

import social.support.testing.ModuleArchitectureTest;

/** followers-service: no other service's classes, no cycle between its feature packages. */
class FollowersServiceArchitectureTest extends ModuleArchitectureTest {
    FollowersServiceArchitectureTest() {
        super("social.followers");
    }
}
