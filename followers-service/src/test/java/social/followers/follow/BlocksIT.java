package social.followers.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.ErrorCode;
import social.contract.follow.BlockUserRequest;
import social.contract.follow.FollowEvents;
import social.contract.follow.FollowPage;
import social.contract.follow.FollowRpc;
import social.contract.follow.FollowUserRequest;
import social.contract.follow.GetBlocksRequest;
import social.contract.follow.GetMutesRequest;
import social.contract.follow.GetRelationshipRequest;
import social.contract.follow.MuteUserRequest;
import social.contract.follow.Relationship;
import social.contract.follow.UnblockUserRequest;
import social.contract.follow.UnmuteUserRequest;
import social.contract.follow.UserBlocked;
import social.contract.follow.UserMuted;
import social.contract.follow.UserUnblocked;
import social.contract.follow.UserUnfollowed;
import social.contract.follow.UserUnmuted;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** Blocks and mutes through followers-service's request queue, with the events read off the broker. */
@ServiceIntegrationTest
class BlocksIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(FollowEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Test
    void aBlockEndsTheFollowsBothWaysWithTheirEventsAndRefusesNewOnes() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, true));
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(b, a, null));

        Relationship blocking = rpc.call(FollowRpc.BLOCK, new BlockUserRequest(a, b));

        assertThat(blocking).isEqualTo(new Relationship(false, false, false, true, false, false));
        assertThat(rpc.call(FollowRpc.GET_RELATIONSHIP, new GetRelationshipRequest(b, a)))
                .isEqualTo(new Relationship(false, false, false, false, true, false));
        assertThat(events.all(
                        UserUnfollowed.class,
                        e -> List.of(a, b).contains(e.followerId())
                                && List.of(a, b).contains(e.followeeId()),
                        Duration.ofMillis(700)))
                .extracting(UserUnfollowed::followerId)
                .containsExactlyInAnyOrder(a, b);
        assertThat(events.all(UserBlocked.class, e -> e.blockerId().equals(a), Duration.ofMillis(100)))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.blockedId()).isEqualTo(b);
                    assertThat(e.pairVersion()).isEqualTo(1);
                });
        assertThat(rpc.refusal(FollowRpc.FOLLOW, new FollowUserRequest(b, a, null))
                        .code())
                .isEqualTo(ErrorCode.BLOCKED);
        assertThat(rpc.refusal(FollowRpc.FOLLOW, new FollowUserRequest(a, b, null))
                        .code())
                .isEqualTo(ErrorCode.BLOCKED);
    }

    @Test
    void blockAndUnblockAreIdempotentAndCountThePairsVersions() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        rpc.call(FollowRpc.BLOCK, new BlockUserRequest(a, b));
        rpc.call(FollowRpc.BLOCK, new BlockUserRequest(a, b));
        rpc.call(FollowRpc.UNBLOCK, new UnblockUserRequest(a, b));
        Relationship after = rpc.call(FollowRpc.UNBLOCK, new UnblockUserRequest(a, b));
        rpc.call(FollowRpc.BLOCK, new BlockUserRequest(a, b));

        assertThat(after.blocking()).isFalse();
        assertThat(events.all(UserBlocked.class, e -> e.blockerId().equals(a), Duration.ofMillis(700)))
                .extracting(UserBlocked::pairVersion)
                .containsExactlyInAnyOrder(1L, 3L);
        assertThat(events.all(UserUnblocked.class, e -> e.blockerId().equals(a), Duration.ofMillis(100)))
                .extracting(UserUnblocked::pairVersion)
                .containsExactly(2L);
        assertThat(events.all(UserUnfollowed.class, e -> e.followerId().equals(a), Duration.ofMillis(100)))
                .isEmpty();
        assertThat(rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(UUID.randomUUID(), a, null))
                        .blockedBy())
                .isFalse();
    }

    @Test
    void aMuteKeepsTheFollowAndIsNotToldToTheMuted() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        rpc.call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, null));

        Relationship muting = rpc.call(FollowRpc.MUTE, new MuteUserRequest(a, b));
        rpc.call(FollowRpc.MUTE, new MuteUserRequest(a, b));

        assertThat(muting).isEqualTo(new Relationship(true, false, false, false, false, true));
        assertThat(rpc.call(FollowRpc.GET_RELATIONSHIP, new GetRelationshipRequest(b, a)))
                .isEqualTo(new Relationship(false, true, false, false, false, false));
        assertThat(rpc.call(FollowRpc.UNMUTE, new UnmuteUserRequest(a, b)).muting())
                .isFalse();
        rpc.call(FollowRpc.UNMUTE, new UnmuteUserRequest(a, b));
        assertThat(events.all(UserMuted.class, e -> e.muterId().equals(a), Duration.ofMillis(700)))
                .extracting(UserMuted::pairVersion)
                .containsExactly(1L);
        assertThat(events.all(UserUnmuted.class, e -> e.muterId().equals(a), Duration.ofMillis(100)))
                .extracting(UserUnmuted::pairVersion)
                .containsExactly(2L);
    }

    @Test
    void aFollowRacingABlockNeverOutlivesIt() {
        List<UUID[]> pairs = new ArrayList<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID a = UUID.randomUUID();
            UUID b = UUID.randomUUID();
            pairs.add(new UUID[] {a, b});
            calls.add(rpc.send(FollowRpc.BLOCK, new BlockUserRequest(a, b)));
            // refused (403) when the block came first
            calls.add(rpc.send(FollowRpc.FOLLOW, new FollowUserRequest(b, a, null))
                    .exceptionally(refused -> null));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();

        for (UUID[] pair : pairs) {
            assertThat(rpc.call(FollowRpc.GET_RELATIONSHIP, new GetRelationshipRequest(pair[0], pair[1])))
                    .isEqualTo(new Relationship(false, false, false, true, false, false));
        }
    }

    @Test
    void selfBlocksAndSelfMutesAreRefused() {
        UUID a = UUID.randomUUID();
        assertThat(rpc.refusal(FollowRpc.BLOCK, new BlockUserRequest(a, a)).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(rpc.refusal(FollowRpc.MUTE, new MuteUserRequest(a, a)).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void theListsArePagedNewestFirst() {
        UUID a = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        for (UUID other : List.of(first, second, third)) {
            rpc.call(FollowRpc.BLOCK, new BlockUserRequest(a, other));
            rpc.call(FollowRpc.MUTE, new MuteUserRequest(a, other));
        }

        FollowPage page = rpc.call(FollowRpc.GET_BLOCKS, new GetBlocksRequest(a, 2, null));
        FollowPage rest = rpc.call(FollowRpc.GET_BLOCKS, new GetBlocksRequest(a, 2, page.nextCursor()));
        FollowPage mutes = rpc.call(FollowRpc.GET_MUTES, new GetMutesRequest(a, 10, null));

        assertThat(page.userIds()).containsExactly(third, second);
        assertThat(rest.userIds()).containsExactly(first);
        assertThat(rest.nextCursor()).isNull();
        assertThat(mutes.userIds()).containsExactly(third, second, first);
    }
}
