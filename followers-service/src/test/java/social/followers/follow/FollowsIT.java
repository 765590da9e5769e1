package social.followers.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

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
import social.contract.rpc.Operation;
import social.support.messaging.ContractMessageConverter;
import social.support.messaging.MessagingNames;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;
import social.support.testing.EventProbe;
import social.support.testing.ServiceIntegrationTest;

/** followers-service through its request queue, with the events it publishes read off the broker. */
@ServiceIntegrationTest
class FollowsIT {
    private static EventProbe events;

    @Autowired
    RpcClient rpc;

    @BeforeAll
    static void listen(@Autowired AmqpAdmin admin, @Autowired RabbitTemplate rabbit,
                       @Autowired ContractMessageConverter converter, @Autowired MessagingNames names) {
        events = EventProbe.listen(admin, rabbit, converter, names, FollowEvents.MESSAGES);
    }

    @AfterAll
    static void stopListening() {
        events.close();
    }

    @Test
    void followAndUnfollowPublishOnlyWhenTheStateChanges() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        Relationship first = call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, true));
        call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, null));
        call(FollowRpc.UNFOLLOW, new UnfollowUserRequest(a, b));
        call(FollowRpc.UNFOLLOW, new UnfollowUserRequest(a, b));

        assertThat(first).isEqualTo(new Relationship(true, false, true));
        assertThat(events.all(UserFollowed.class, e -> e.followerId().equals(a), Duration.ofMillis(700)))
                .singleElement().satisfies(e -> {
                    assertThat(e.followeeId()).isEqualTo(b);
                    assertThat(e.notifyEnabled()).isTrue();
                });
        assertThat(events.all(UserUnfollowed.class, e -> e.followerId().equals(a), Duration.ofMillis(100))).hasSize(1);
    }

    @Test
    void notifyChangesArePublishedAndNeedAFollow() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertThatThrownBy(() -> call(FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(a, b, true)))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.NOT_FOUND));

        call(FollowRpc.FOLLOW, new FollowUserRequest(a, b, null));
        Relationship on = call(FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(a, b, true));
        call(FollowRpc.SET_NOTIFY, new SetFollowNotifyRequest(a, b, true));

        assertThat(on.notifyEnabled()).isTrue();
        assertThat(events.all(FollowNotifyChanged.class, e -> e.followerId().equals(a), Duration.ofMillis(700)))
                .singleElement().satisfies(e -> assertThat(e.notifyEnabled()).isTrue());
    }

    @Test
    void followingOneselfIsInvalid() {
        UUID a = UUID.randomUUID();
        assertThatThrownBy(() -> call(FollowRpc.FOLLOW, new FollowUserRequest(a, a, null)))
                .isInstanceOfSatisfying(RpcErrorException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void listsArePagedNewestFollowFirstEachExactlyOnce() {
        UUID star = UUID.randomUUID();
        List<UUID> fans = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            UUID fan = UUID.randomUUID();
            call(FollowRpc.FOLLOW, new FollowUserRequest(fan, star, null));
            call(FollowRpc.FOLLOW, new FollowUserRequest(star, fan, null));
            fans.add(fan);
        }
        Collections.reverse(fans);

        List<UUID> followers = new ArrayList<>();
        List<UUID> following = new ArrayList<>();
        String cursor = null;
        do {
            FollowPage page = call(FollowRpc.GET_FOLLOWERS, new GetFollowersRequest(star, 5, cursor));
            followers.addAll(page.userIds());
            cursor = page.nextCursor();
        } while (cursor != null);
        do {
            FollowPage page = call(FollowRpc.GET_FOLLOWING, new GetFollowingRequest(star, 5, cursor));
            following.addAll(page.userIds());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(followers).containsExactlyElementsOf(fans);
        assertThat(following).containsExactlyElementsOf(fans);
        assertThatThrownBy(() -> call(FollowRpc.GET_FOLLOWERS, new GetFollowersRequest(star, 5, "garbage")))
                .isInstanceOfSatisfying(RpcErrorException.class,
                        e -> assertThat(e.reply().code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    private <Q, R> R call(Operation<Q, R> operation, Q request) {
        try {
            return rpc.call(operation, request).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
