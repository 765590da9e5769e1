package social.gateway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import social.gateway.security.AuthenticatedUser;
import social.gateway.web.ApiException;

class StreamTicketsTest {
    private final AuthenticatedUser ann =
            new AuthenticatedUser(UUID.randomUUID(), "ann", Instant.now().plusSeconds(900), null);

    @Test
    void aTicketNamesItsCallerOnceAndNeverAgain() {
        StreamTickets tickets = new StreamTickets(properties(Duration.ofSeconds(30), 10));
        StreamTickets.Issued issued = tickets.issue(ann);

        assertThat(issued.expiresIn()).isEqualTo(30);
        assertThat(issued.ticket()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(tickets.redeem(issued.ticket())).contains(ann);
        assertThat(tickets.redeem(issued.ticket())).isEmpty();
    }

    @Test
    void anExpiredTicketIsRefusedAndAnUnknownOneToo() {
        StreamTickets tickets = new StreamTickets(properties(Duration.ZERO, 10));

        assertThat(tickets.redeem(tickets.issue(ann).ticket())).isEmpty();
        assertThat(tickets.redeem("made-up")).isEmpty();
    }

    @Test
    void ticketsAreBoundedInNumber() {
        StreamTickets tickets = new StreamTickets(properties(Duration.ofSeconds(30), 2));
        tickets.issue(ann);
        tickets.issue(ann);

        assertThatThrownBy(() -> tickets.issue(ann)).isInstanceOf(ApiException.class);
    }

    static NotificationProperties properties(Duration ticketLifetime, int maxOpenTickets) {
        return new NotificationProperties(
                Duration.ofSeconds(15),
                Duration.ofMinutes(30),
                5,
                20,
                10_000,
                ticketLifetime,
                maxOpenTickets,
                1000,
                4,
                128,
                100,
                10_000);
    }
}
