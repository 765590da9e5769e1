package social.auth.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.ErrorCode;
import social.contract.auth.AuthRpc;
import social.contract.auth.IssueStreamTicketRequest;
import social.contract.auth.RedeemStreamTicketRequest;
import social.contract.auth.StreamTicket;
import social.contract.auth.StreamTicketHolder;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * Stream tickets kept by auth-service, so that a ticket one gateway instance issued opens the
 * stream through any other: good once, for a short while, stored only as a hash, bounded per user.
 */
@ServiceIntegrationTest
class StreamTicketsIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcTemplate jdbc;

    private final UUID user = UUID.randomUUID();
    private final UUID login = UUID.randomUUID();
    private final Instant tokenExpiresAt = Instant.now().plusSeconds(900).truncatedTo(ChronoUnit.MILLIS);

    @Test
    void aTicketNamesWhomItWasIssuedToOnceAndNeverAgain() {
        StreamTicket issued = issue();

        assertThat(issued.expiresIn()).isEqualTo(30);
        assertThat(issued.ticket()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(rpc.call(AuthRpc.REDEEM_STREAM_TICKET, new RedeemStreamTicketRequest(issued.ticket())))
                .isEqualTo(new StreamTicketHolder(user, "tia", login, tokenExpiresAt));
        assertThat(refusal(issued.ticket())).isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void anExpiredTicketAndAnUnknownOneAreRefused() {
        StreamTicket issued = issue();
        jdbc.update("UPDATE stream_ticket SET expires_at = now() - interval '1 second' WHERE user_id = ?", user);

        assertThat(refusal(issued.ticket())).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refusal("made-up")).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refusal("x".repeat(10_000))).isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void theTableHoldsNoTicketButItsHash() {
        StreamTicket issued = issue();

        List<byte[]> stored =
                jdbc.queryForList("SELECT ticket_hash FROM stream_ticket WHERE user_id = ?", byte[].class, user);
        assertThat(stored).hasSize(1);
        assertThat(new String(stored.get(0), StandardCharsets.ISO_8859_1)).doesNotContain(issued.ticket());
        assertThat(stored.get(0)).hasSize(32);
    }

    @Test
    void aUserHoldsTenUnusedTicketsAtMostAndTheOldestGoFirst() {
        List<StreamTicket> issued = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            issued.add(issue());
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM stream_ticket WHERE user_id = ?", Integer.class, user))
                .isEqualTo(10);
        assertThat(refusal(issued.get(0).ticket())).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refusal(issued.get(1).ticket())).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(rpc.call(
                                AuthRpc.REDEEM_STREAM_TICKET,
                                new RedeemStreamTicketRequest(issued.get(11).ticket()))
                        .userId())
                .isEqualTo(user);
    }

    @Test
    void aTicketIsIssuedOnlyToACaller() {
        assertThat(rpc.refusal(
                                AuthRpc.ISSUE_STREAM_TICKET,
                                new IssueStreamTicketRequest(null, "tia", login, tokenExpiresAt))
                        .code())
                .isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    private StreamTicket issue() {
        return rpc.call(AuthRpc.ISSUE_STREAM_TICKET, new IssueStreamTicketRequest(user, "tia", login, tokenExpiresAt));
    }

    private ErrorCode refusal(String ticket) {
        return rpc.refusal(AuthRpc.REDEEM_STREAM_TICKET, new RedeemStreamTicketRequest(ticket))
                .code();
    }
}
