package social.user.counters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.user.CreateProfileRequest;
import social.contract.user.GetUserRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.support.id.Ids;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * The profile counters from follow and post events, published to the events exchange as their
 * owners' outbox relays would, including the redeliveries that at-least-once delivery brings.
 */
@ServiceIntegrationTest
class ProfileCountersIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Test
    void aRedeliveredEventCountsOnce() {
        UUID follower = profile();
        UUID followee = profile();
        UserFollowed followed = new UserFollowed(Ids.newId(), Instant.now(), 1, follower, followee, false, 1L);
        PostCreated created = new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                Ids.newId(),
                followee,
                "x",
                Instant.now(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        replay.deliver(followed);
        replay.deliver(followed);
        replay.deliver(created);
        replay.deliver(created);

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(user(followee).followersCount()).isEqualTo(1);
            assertThat(user(follower).followingCount()).isEqualTo(1);
            assertThat(user(followee).postsCount()).isEqualTo(1);
        });
        // later events of the same queue are applied, so the duplicates above are behind us for good
        UUID marker = profile();
        replay.deliver(new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                Ids.newId(),
                marker,
                "x",
                Instant.now(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        await().atMost(Duration.ofSeconds(2)).until(() -> user(marker).postsCount() == 1);
        assertThat(user(followee).followersCount()).isEqualTo(1);
        assertThat(user(followee).postsCount()).isEqualTo(1);
    }

    @Test
    void countersFollowTheEventsInOrderAndNeverGoNegative() {
        UUID follower = profile();
        UUID followee = profile();
        UUID postId = Ids.newId();

        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, follower, followee, false, 1L));
        replay.deliver(new UserUnfollowed(Ids.newId(), Instant.now(), 1, follower, followee, 2L));
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, follower, followee, true, 3L));
        replay.deliver(new UserUnfollowed(Ids.newId(), Instant.now(), 1, follower, followee, 4L));
        replay.deliver(new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                postId,
                followee,
                "x",
                Instant.now(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        replay.deliver(new PostDeleted(Ids.newId(), Instant.now(), 1, postId, followee, null, null));
        // a stray extra removal must not take a counter below zero
        replay.deliver(new UserUnfollowed(Ids.newId(), Instant.now(), 1, follower, followee, 5L));
        replay.deliver(new PostDeleted(Ids.newId(), Instant.now(), 1, Ids.newId(), followee, null, null));
        UUID marker = profile();
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, marker, followee, false, 1L));

        await().atMost(Duration.ofSeconds(2)).until(() -> user(marker).followingCount() == 1);
        User counted = user(followee);
        assertThat(counted.followersCount()).isEqualTo(1);
        assertThat(counted.postsCount()).isZero();
        assertThat(user(follower).followingCount()).isZero();
    }

    @Test
    void eventsCountedBeforeTheProfileExistsAreKeptUntilItIsCreated() {
        // user-service down at registration: the counter events can drain before the registration
        UUID newcomer = UUID.randomUUID();
        UUID follower = profile();
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, follower, newcomer, false, 1L));
        replay.deliver(new PostCreated(
                Ids.newId(),
                Instant.now(),
                1,
                Ids.newId(),
                newcomer,
                "x",
                Instant.now(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        await().atMost(Duration.ofSeconds(2)).until(() -> user(follower).followingCount() == 1);

        createProfile(newcomer);

        User created = user(newcomer);
        assertThat(created.followersCount()).isEqualTo(1);
        assertThat(created.postsCount()).isEqualTo(1);
        // and they are not applied a second time by a later event
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, profile(), newcomer, false, 1L));
        await().atMost(Duration.ofSeconds(2)).until(() -> user(newcomer).followersCount() == 2);
        assertThat(user(newcomer).postsCount()).isEqualTo(1);
    }

    private UUID profile() {
        UUID id = UUID.randomUUID();
        createProfile(id);
        return id;
    }

    private void createProfile(UUID id) {
        rpc.call(
                UserRpc.CREATE_PROFILE,
                new CreateProfileRequest(id, "u" + id.toString().substring(0, 8), "U"));
    }

    private User user(UUID id) {
        return rpc.call(UserRpc.GET, new GetUserRequest(id));
    }
}
