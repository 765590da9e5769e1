package social.post;

import social.support.testing.ModuleArchitectureTest;

/** post-service: no other service's classes, no cycle between its feature packages. */
class PostServiceArchitectureTest extends ModuleArchitectureTest {
    PostServiceArchitectureTest() {
        // PostMessaging (post) wires HomeTimeline, which reads PostStore and PostCursor (post): being removed elsewhere
        super("social.post", knownCycle("social.post.post", "social.post.timeline"));
    }
}
