package social.support.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.registry.Subscription;
import social.contract.registry.Subscriptions;
import social.support.messaging.MessagingNames;
import social.support.messaging.Senders;
import social.support.messaging.Topology;

class EventSubscriptionTest {
    private final Topology postService = new Topology(new MessagingNames("test.", "post-service"), false);

    @Test
    void aSubscriptionAsTheInventoryListsItIsBuilt() {
        EventSubscription followGraph = EventSubscription.forConcern("follow-graph", postService)
                .inOrder()
                .on(UserFollowed.class, event -> {})
                .on(UserUnfollowed.class, event -> {})
                .build();

        assertThat(followGraph.queue()).isEqualTo("test.post-service.follow-graph");
    }

    @Test
    void aSubscriptionTheInventoryDoesNotListFailsAtStartup() {
        EventSubscription.Builder unlisted =
                EventSubscription.forConcern("post-counts", postService).on(PostCreated.class, event -> {});

        assertThatThrownBy(unlisted::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("post-service.post-counts")
                .hasMessageContaining("not in the inventory");
    }

    @Test
    void aSubscriptionTakingOneEventMoreOrLessThanListedFailsAtStartup() {
        EventSubscription.Builder more = EventSubscription.forConcern("follow-graph", postService)
                .on(UserFollowed.class, event -> {})
                .on(UserUnfollowed.class, event -> {})
                .on(PostDeleted.class, event -> {});
        EventSubscription.Builder fewer =
                EventSubscription.forConcern("follow-graph", postService).on(UserFollowed.class, event -> {});

        assertThatThrownBy(more::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[post.deleted, user.followed, user.unfollowed]")
                .hasMessageContaining("[user.followed, user.unfollowed]");
        assertThatThrownBy(fewer::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aServiceThatNoLongerDeclaresAListedSubscriptionFailsAtStartup() {
        Topology userService = new Topology(new MessagingNames("test.", "user-service"), false);
        EventSubscription counters = EventSubscription.forConcern("profile-counters", userService)
                .inOrder()
                .on(UserFollowed.class, event -> {})
                .on(UserUnfollowed.class, event -> {})
                .on(PostCreated.class, event -> {})
                .on(PostDeleted.class, event -> {})
                .build();

        assertThatThrownBy(() -> EventSubscription.requireEveryListed(List.of(counters), userService))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[user-service.registrations, user-service.account-erasure]");
        // a party without listed subscriptions declares none
        EventSubscription.requireEveryListed(
                List.of(), new Topology(new MessagingNames("test.", "api-gateway"), false));
    }

    @Test
    void anApplicationMayCheckAgainstAnInventoryOfItsOwn() {
        Topology own = new Topology(
                new MessagingNames("test.", "probe-service"),
                false,
                Topology.DEFAULT_DEAD_LETTER_MAX_LENGTH,
                Subscriptions.of(Subscription.of("probe-service", "posts", PostCreated.class)));

        EventSubscription posts = EventSubscription.forConcern("posts", own)
                .on(PostCreated.class, event -> {})
                .build();

        EventSubscription.requireEveryListed(List.of(posts), own);
        assertThat(posts.queue()).isEqualTo("test.probe-service.posts");
    }

    @Test
    void theContractsInventoryNamesOnlyServicesThatExist() {
        assertThat(Subscriptions.contract().all())
                .extracting(Subscription::service)
                .allSatisfy(service -> assertThat(Senders.parties()).contains(service));
    }
}
