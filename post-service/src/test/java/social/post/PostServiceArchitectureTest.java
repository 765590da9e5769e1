package social.post;

import social.support.testing.ModuleArchitectureTest;

/** post-service: no other service's classes, no cycle between its feature packages. */
class PostServiceArchitectureTest extends ModuleArchitectureTest {
    PostServiceArchitectureTest() {
        super("social.post");
    }
}
