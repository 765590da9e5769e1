package social.notification;

import social.support.testing.ModuleArchitectureTest;

/** notification-service: no other service's classes, no cycle between its feature packages. */
class NotificationServiceArchitectureTest extends ModuleArchitectureTest {
    NotificationServiceArchitectureTest() {
        super("social.notification");
    }
}
