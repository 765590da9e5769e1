package social.user.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.auth.UserRegistered;
import social.contract.user.CreateProfileRequest;
import social.contract.user.GetUserSummariesRequest;
import social.contract.user.SearchUsersRequest;
import social.contract.user.User;
import social.contract.user.UserRpc;
import social.contract.user.UserSummary;
import social.contract.user.UserSummaryPage;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** user-service over its real queues, database and broker. */
@ServiceIntegrationTest
class UserServiceIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRegisteredEventCreatesTheProfileOnceEvenWhenRedeliveredOrAlsoCreatedByRequest() {
        UUID userId = UUID.randomUUID();
        String username = "ev_" + userId.toString().substring(0, 8);
        UserRegistered event = new UserRegistered(UUID.randomUUID(), Instant.now(), 1, userId, username, "Evie");
        User created = rpc.call(UserRpc.CREATE_PROFILE, new CreateProfileRequest(userId, username, "Evie"));
        replay.deliver(event);
        replay.deliver(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> processed(event.eventId()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM profile WHERE id = ?", Integer.class, userId))
                .isEqualTo(1);
        assertThat(created.displayName()).isEqualTo("Evie");
    }

    @Test
    void searchPagesThroughEveryMatchExactlyOnceAndSummariesAreOneBatch() {
        String tag = "pg" + UUID.randomUUID().toString().substring(0, 6);
        List<UUID> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rpc.call(UserRpc.CREATE_PROFILE, new CreateProfileRequest(id, tag + "_" + i, "Name " + i));
        }
        List<UserSummary> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            UserSummaryPage page = rpc.call(UserRpc.SEARCH, new SearchUsersRequest(tag.toUpperCase(), 7, cursor));
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(seen).extracting(UserSummary::id).containsExactlyInAnyOrderElementsOf(ids);

        assertThat(rpc.call(UserRpc.GET_SUMMARIES, new GetUserSummariesRequest(ids))
                        .users())
                .hasSize(25);
    }

    private boolean processed(UUID eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, eventId)
                == 1;
    }
}
