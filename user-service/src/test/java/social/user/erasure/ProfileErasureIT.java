package social.user.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.Event;
import social.contract.auth.UserDeleted;
import social.contract.auth.UserRegistered;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.PostCreated;
import social.contract.user.CreateProfileRequest;
import social.contract.user.GetUserRequest;
import social.contract.user.ProfileErased;
import social.contract.user.User;
import social.contract.user.UserEvents;
import social.contract.user.UserRpc;
import social.support.id.Ids;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * {@code user.deleted} in user-service: the profile and its pending counters go, once; the others'
 * counters follow the unfollows; nothing arriving late (a registration, a counter change) brings
 * anything of it back.
 */
@ServiceIntegrationTest
class ProfileErasureIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(UserEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcClient db;

    @Test
    void aDeletedProfileGoesOnceAndNoLateEventBringsItOrACounterOfItBack() {
        UUID leaver = UUID.randomUUID();
        UUID friend = UUID.randomUUID();
        String name = "l" + leaver.toString().substring(0, 8);
        rpc.call(UserRpc.CREATE_PROFILE, new CreateProfileRequest(leaver, name, "Leaver"));
        rpc.call(
                UserRpc.CREATE_PROFILE,
                new CreateProfileRequest(friend, "f" + friend.toString().substring(0, 8), "F"));
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, friend, leaver, false, 1L));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> user(friend).followingCount() == 1 && user(leaver).followersCount() == 1);

        UserDeleted deleted = new UserDeleted(Ids.newId(), Instant.now(), 1, leaver, name, Instant.now());
        replay.deliver(deleted);
        replay.deliver(deleted);
        events.next(ProfileErased.class, e -> e.userId().equals(leaver));

        assertThat(rpc.refusal(UserRpc.GET, new GetUserRequest(leaver)).code()).isEqualTo(ErrorCode.NOT_FOUND);
        // late: the unfollow followers-service publishes, a post of it, its registration delivered again
        List<Event> late = List.of(
                new UserUnfollowed(Ids.newId(), Instant.now(), 1, friend, leaver, 2L),
                new PostCreated(
                        Ids.newId(),
                        Instant.now(),
                        1,
                        Ids.newId(),
                        leaver,
                        "late",
                        Instant.now(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new UserRegistered(Ids.newId(), Instant.now(), 1, leaver, name, "Leaver"));
        late.forEach(replay::deliver);

        await().atMost(Duration.ofSeconds(5)).until(() -> late.stream().allMatch(this::processed));
        assertThat(user(friend).followingCount()).isZero();
        assertThat(events.all(ProfileErased.class, e -> e.userId().equals(leaver), Duration.ofMillis(700)))
                .isEmpty();
        assertThat(rpc.refusal(UserRpc.GET, new GetUserRequest(leaver)).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(UserRpc.CREATE_PROFILE, new CreateProfileRequest(leaver, name, "Leaver"))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(db.sql("""
                        SELECT (SELECT count(*) FROM profile WHERE id = :u)
                             + (SELECT count(*) FROM pending_counter WHERE user_id = :u)""").param("u", leaver).query(Long.class).single()).isZero();
        // the name is free here: another account may take it
        UUID newcomer = UUID.randomUUID();
        assertThat(rpc.call(UserRpc.CREATE_PROFILE, new CreateProfileRequest(newcomer, name, "New"))
                        .id())
                .isEqualTo(newcomer);
    }

    private boolean processed(Event event) {
        return db.sql("SELECT count(*) FROM processed_event WHERE event_id = ?")
                        .param(event.eventId())
                        .query(Long.class)
                        .single()
                > 0;
    }

    private User user(UUID id) {
        return rpc.call(UserRpc.GET, new GetUserRequest(id));
    }
}
