package social.contract.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import social.contract.Event;
import social.contract.follow.FollowNotifyChanged;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;

class SubscriptionsTest {

    @Test
    void anEventWaitsForEverySubscriptionThatTakesIt() {
        assertThat(Subscriptions.contract().takersOf("user.followed"))
                .extracting(Subscription::name)
                .containsExactlyInAnyOrder(
                        "notification-service.notifications",
                        "notification-service.follow-graph",
                        "post-service.follow-graph",
                        "user-service.profile-counters");
        assertThat(Subscriptions.contract().takersOf("post.deleted"))
                .extracting(Subscription::name)
                .containsExactlyInAnyOrder(
                        "like-service.deleted-posts",
                        "notification-service.notifications",
                        "user-service.profile-counters");
        // only the gateway's instances hear these, at most once: nothing to wait for
        assertThat(Subscriptions.contract().takersOf("user.profile-updated")).isEmpty();
        assertThat(Subscriptions.contract().takersOf("auth.login-ended")).isEmpty();
    }

    @Test
    void aSubscriptionDeclaredAsListedAgrees() {
        assertThat(Subscriptions.contract()
                        .mismatch(
                                "notification-service",
                                "follow-graph",
                                Set.of(UserFollowed.class, UserUnfollowed.class, FollowNotifyChanged.class)))
                .isEmpty();
    }

    @Test
    void aSubscriptionMissingFromTheInventoryIsNamed() {
        assertThat(Subscriptions.contract().mismatch("post-service", "likes", Set.of(PostCreated.class)))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("post-service.likes")
                        .contains("[post.created]")
                        .contains("not in the inventory"));
        assertThat(Subscriptions.contract().mismatch("like-service", "follow-graph", Set.of(UserFollowed.class)))
                .isPresent();
    }

    @Test
    void aSubscriptionTakingOtherEventsThanListedIsNamedWithBothLists() {
        assertThat(Subscriptions.contract()
                        .mismatch("post-service", "follow-graph", Set.of(UserFollowed.class, PostDeleted.class)))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .contains("post-service.follow-graph")
                        .contains("[post.deleted, user.followed]")
                        .contains("[user.followed, user.unfollowed]"));
        assertThat(Subscriptions.contract().mismatch("post-service", "follow-graph", Set.of(UserFollowed.class)))
                .isPresent();
    }

    @Test
    void aSubscriptionIsListedOnceAndTakesRegisteredEventsOnly() {
        Subscription followGraph = Subscription.of("post-service", "follow-graph", UserFollowed.class);
        assertThatThrownBy(() -> Subscriptions.of(followGraph, followGraph))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("post-service.follow-graph");
        assertThatThrownBy(() -> Subscription.of("post-service", "other", Unregistered.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Subscription.of("post-service", "nothing"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyServiceOfTheContractsTableHasASubscriptionAndEachIsNamedAsItsQueue() {
        assertThat(Subscriptions.contract().all())
                .extracting(Subscription::name)
                .containsExactlyInAnyOrder(
                        "like-service.deleted-posts",
                        "notification-service.notifications",
                        "notification-service.new-posts",
                        "notification-service.follow-graph",
                        "post-service.follow-graph",
                        "user-service.profile-counters",
                        "user-service.registrations",
                        "post-service.blocks",
                        "like-service.blocks",
                        "notification-service.blocks",
                        "user-service.account-erasure",
                        "post-service.account-erasure",
                        "followers-service.account-erasure",
                        "like-service.account-erasure",
                        "notification-service.account-erasure",
                        "auth-service.erasures");
        assertThat(Subscriptions.contract().of("user-service"))
                .extracting(Subscription::concern)
                .containsExactlyInAnyOrder("profile-counters", "registrations", "account-erasure");
    }

    private record Unregistered(UUID eventId, Instant occurredAt, int version) implements Event {}
}
