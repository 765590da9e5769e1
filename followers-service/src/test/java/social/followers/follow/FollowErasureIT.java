package social.followers.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.auth.UserDeleted;
import social.contract.follow.BlockUserRequest;
import social.contract.follow.FollowEvents;
import social.contract.follow.FollowRpc;
import social.contract.follow.FollowUserRequest;
import social.contract.follow.FollowsErased;
import social.contract.follow.GetRelationshipRequest;
import social.contract.follow.MuteUserRequest;
import social.contract.follow.Relationship;
import social.contract.follow.UserUnfollowed;
import social.support.id.Ids;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * {@code user.deleted} in followers-service: every follow of the account goes, both ways, each with
 * its {@code user.unfollowed} (so counters and copies follow), once however often the event arrives.
 */
@ServiceIntegrationTest
class FollowErasureIT {
    private static final Duration QUIET = Duration.ofMillis(700);

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(FollowEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcClient db;

    @Test
    void aDeletedAccountsFollowsGoBothWaysOnceEachWithItsUnfollowAndNobodyCanFollowItAgain() {
        UUID leaver = UUID.randomUUID();
        UUID followed = UUID.randomUUID();
        UUID follower = UUID.randomUUID();
        UUID bystander = UUID.randomUUID();
        follow(leaver, followed);
        follow(follower, leaver);
        follow(bystander, followed);

        UserDeleted deleted = new UserDeleted(Ids.newId(), Instant.now(), 1, leaver, "leaver", Instant.now());
        replay.deliver(deleted);
        replay.deliver(deleted);

        events.next(FollowsErased.class, e -> e.userId().equals(leaver));
        List<UserUnfollowed> unfollows = events.all(
                UserUnfollowed.class,
                e -> e.followerId().equals(leaver) || e.followeeId().equals(leaver),
                QUIET);
        assertThat(unfollows)
                .extracting(UserUnfollowed::followerId, UserUnfollowed::followeeId)
                .containsExactlyInAnyOrder(tuple(leaver, followed), tuple(follower, leaver));
        // each after the pair's follow (version 1): the copies of the graph apply them
        assertThat(unfollows).extracting(UserUnfollowed::pairVersion).containsOnly(2L);
        assertThat(events.all(FollowsErased.class, e -> e.userId().equals(leaver), QUIET))
                .isEmpty();
        assertThat(relationship(bystander, followed).following()).isTrue();
        assertThat(db.sql("""
                        SELECT (SELECT count(*) FROM follow WHERE follower_id = :u OR followee_id = :u)
                             + (SELECT count(*) FROM follow_pair_version WHERE follower_id = :u OR followee_id = :u)""").param("u", leaver).query(Long.class).single()).isZero();

        // a follow of or by the deleted account, still in flight, is refused
        assertThat(rpc.refusal(FollowRpc.FOLLOW, new FollowUserRequest(follower, leaver, false))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(FollowRpc.FOLLOW, new FollowUserRequest(leaver, followed, false))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aDeletedAccountsBlocksAndMutesGoOnEitherSideAndNobodyCanBlockOrMuteItAgain() {
        UUID leaver = UUID.randomUUID();
        UUID blocked = UUID.randomUUID();
        UUID blocker = UUID.randomUUID();
        UUID muter = UUID.randomUUID();
        rpc.call(FollowRpc.BLOCK, new BlockUserRequest(leaver, blocked));
        rpc.call(FollowRpc.BLOCK, new BlockUserRequest(blocker, leaver));
        rpc.call(FollowRpc.MUTE, new MuteUserRequest(muter, leaver));
        rpc.call(FollowRpc.MUTE, new MuteUserRequest(leaver, muter));
        rpc.call(FollowRpc.BLOCK, new BlockUserRequest(blocker, blocked));

        replay.deliver(new UserDeleted(Ids.newId(), Instant.now(), 1, leaver, "leaver", Instant.now()));

        events.next(FollowsErased.class, e -> e.userId().equals(leaver));
        assertThat(db.sql("""
                        SELECT (SELECT count(*) FROM block WHERE blocker_id = :u OR blocked_id = :u)
                             + (SELECT count(*) FROM block_pair_version WHERE blocker_id = :u OR blocked_id = :u)
                             + (SELECT count(*) FROM mute WHERE muter_id = :u OR muted_id = :u)
                             + (SELECT count(*) FROM mute_pair_version WHERE muter_id = :u OR muted_id = :u)""").param("u", leaver).query(Long.class).single()).isZero();
        assertThat(relationship(blocker, blocked).blocking())
                .as("a block between others stays")
                .isTrue();
        assertThat(rpc.refusal(FollowRpc.BLOCK, new BlockUserRequest(blocker, leaver))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(FollowRpc.MUTE, new MuteUserRequest(muter, leaver))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    private void follow(UUID follower, UUID followee) {
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(follower, followee, false));
    }

    private Relationship relationship(UUID caller, UUID other) {
        return rpc.call(FollowRpc.GET_RELATIONSHIP, new GetRelationshipRequest(caller, other));
    }
}
