package social.like;

import social.support.testing.ModuleArchitectureTest;

/** like-service: no other service's classes, no cycle between its feature packages. */
class LikeServiceArchitectureTest extends ModuleArchitectureTest {
    LikeServiceArchitectureTest() {
        super("social.like");
    }
}
