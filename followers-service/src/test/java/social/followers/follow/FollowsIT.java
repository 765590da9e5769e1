package social.followers.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.ErrorCode;
import social.contract.follow.FollowEvents;
import social.contract.follow.FollowNotifyChanged;
import social.contract.follow.FollowPage;
import social.contract.follow.FollowRpc;
import social.contract.follow.FollowUserRequest;
import social.contract.follow.GetFollowersRequest;
import social.contract.follow.GetFollowingRequest;
import social.contract.follow.Relationship;
import social.contract.follow.SetFollowNotifyRequest;
import social.contract.follow.UnfollowUserRequest;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** followers-service through its request queue, with the events it publishes read off the broker. */
@ServiceIntegrationTest
class FollowsIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(FollowEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void followAndUnfollowPublishOnlyWhenTheStateChanges() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        Relationship first = rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, true));
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, null));
        rpc.call(FollowRpc.UNFOLLOW, new UnfollowUserRequest(a, b));
        rpc.call(FollowRpc.UNFOLLOW, new UnfollowUserRequest(a, b));

        assertThat(first).isEqualTo(new Relationship(true, false, true, false, false, false));
        assertThat(events.all(UserFollowed.class, e -> e.followerId().equals(a), Duration.ofMillis(700)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.followeeId()).isEqualTo(b);
                    assertThat(e.notifyEnabled()).isTrue();
                });
        assertThat(events.all(UserUnfollowed.class, e -> e.followerId().equals(a), Duration.ofMillis(100)))
                .hasSize(1);
    }

    @Test
    void notifyChangesArePublishedAndNeedAFollow() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThat(rpc.refusal(FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(a, b, true))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);

        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, null));
        Relationship on = rpc.call(FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(a, b, true));
        rpc.call(FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(a, b, true));

        assertThat(on.notifyEnabled()).isTrue();
        assertThat(events.all(FollowNotifyChanged.class, e -> e.followerId().equals(a), Duration.ofMillis(700)))
                .singleElement()
                .satisfies(e -> assertThat(e.notifyEnabled()).isTrue());
    }

    @Test
    void everyChangeOfAPairCarriesTheNextPairVersionAcrossAnUnfollowAndAFollowAgain() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, false));
        rpc.call(FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(a, b, true));
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, true)); // no change, no version
        rpc.call(FollowRpc.UNFOLLOW, new UnfollowUserRequest(a, b));
        rpc.call(FollowRpc.UNFOLLOW, new UnfollowUserRequest(a, b)); // no change, no version
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, null));
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(b, a, null)); // the other direction: a pair of its own

        assertThat(events.all(UserFollowed.class, e -> e.followerId().equals(a), Duration.ofMillis(700)))
                .extracting(UserFollowed::pairVersion)
                .containsExactly(1L, 4L);
        assertThat(events.all(FollowNotifyChanged.class, e -> e.followerId().equals(a), Duration.ofMillis(100)))
                .extracting(FollowNotifyChanged::pairVersion)
                .containsExactly(2L);
        assertThat(events.all(UserUnfollowed.class, e -> e.followerId().equals(a), Duration.ofMillis(100)))
                .extracting(UserUnfollowed::pairVersion)
                .containsExactly(3L);
        assertThat(events.all(UserFollowed.class, e -> e.followerId().equals(b), Duration.ofMillis(100)))
                .extracting(UserFollowed::pairVersion)
                .containsExactly(1L);
    }

    @Test
    void followingOneselfIsInvalid() {
        UUID a = UUID.randomUUID();
        assertThat(rpc.refusal(FollowRpc.FOLLOW, new FollowUserRequest(a, a, null))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void listsArePagedNewestFollowFirstEachExactlyOnce() {
        UUID star = UUID.randomUUID();
        List<UUID> fans = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            UUID fan = UUID.randomUUID();
            rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(fan, star, null));
            rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(star, fan, null));
            fans.add(fan);
        }
        Collections.reverse(fans);

        List<UUID> followers = new ArrayList<>();
        List<UUID> following = new ArrayList<>();
        String cursor = null;
        do {
            FollowPage page = rpc.call(FollowRpc.GET_FOLLOWERS, new GetFollowersRequest(star, 5, cursor));
            followers.addAll(page.userIds());
            cursor = page.nextCursor();
        } while (cursor != null);
        do {
            FollowPage page = rpc.call(FollowRpc.GET_FOLLOWING, new GetFollowingRequest(star, 5, cursor));
            following.addAll(page.userIds());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(followers).containsExactlyElementsOf(fans);
        assertThat(following).containsExactlyElementsOf(fans);
        assertThat(rpc.refusal(FollowRpc.GET_FOLLOWERS, new GetFollowersRequest(star, 5, "garbage"))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void followingIsCappedAndAFollowPastTheCapIsAConflictThatChangesNothing() {
        UUID follower = UUID.randomUUID();
        followRandomUsers(follower, 4_999);
        UUID last = UUID.randomUUID();
        assertThat(rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(follower, last, null))
                        .following())
                .isTrue();

        UUID oneTooMany = UUID.randomUUID();
        assertThat(rpc.refusal(FollowRpc.FOLLOW, new FollowUserRequest(follower, oneTooMany, null))
                        .code())
                .isEqualTo(ErrorCode.FOLLOW_LIMIT_REACHED);
        assertThat(followingCount(follower)).isEqualTo(5_000);
        // following someone already followed stays idempotent at the cap
        assertThat(rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(follower, last, true))
                        .notifyEnabled())
                .isTrue();
        rpc.call(FollowRpc.UNFOLLOW, new UnfollowUserRequest(follower, last));
        assertThat(rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(follower, oneTooMany, null))
                        .following())
                .isTrue();
    }

    @Test
    void concurrentFollowsCannotTogetherPassTheCap() {
        UUID follower = UUID.randomUUID();
        followRandomUsers(follower, 4_990);
        List<CompletableFuture<Relationship>> inFlight = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            inFlight.add(rpc.send(FollowRpc.FOLLOW, new FollowUserRequest(follower, UUID.randomUUID(), null)));
        }
        long followed = inFlight.stream()
                .filter(answer -> {
                    try {
                        answer.get(30, TimeUnit.SECONDS);
                        return true;
                    } catch (ExecutionException e) {
                        return false;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .count();
        assertThat(followed).isEqualTo(10);
        assertThat(followingCount(follower)).isEqualTo(5_000);
    }

    private void followRandomUsers(UUID follower, int count) {
        jdbc.update(
                "INSERT INTO follow (follower_id, followee_id, notify, created_at)"
                        + " SELECT ?, gen_random_uuid(), false, now() FROM generate_series(1, ?)",
                follower,
                count);
    }

    private int followingCount(UUID follower) {
        return jdbc.queryForObject("SELECT count(*) FROM follow WHERE follower_id = ?", Integer.class, follower);
    }
}
