package social.auth.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import social.auth.AuthProperties;
import social.contract.auth.IssueStreamTicketRequest;
import social.contract.auth.RedeemStreamTicketRequest;
import social.contract.auth.StreamTicket;
import social.contract.auth.StreamTicketHolder;
import social.support.error.ServiceException;

/**
 * Single-use tickets that open a caller's notification stream (a browser's EventSource can send no
 * access token but in its URL, where logs keep it): 256 random bits, good once and for {@code
 * lifetime}, through whichever gateway instance the client reaches; that is why they are kept here,
 * in the database every auth-service instance shares, and not in the gateway that issued them.
 * Stored as their SHA-256 only. A user holds at most {@code maxPerUser} at once: issuing one more
 * drops the oldest, so that the table stays bounded whatever a client asks.
 */
@Component
class StreamTickets {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A ticket is 43 characters; anything much longer is not one, and is not looked up. */
    private static final int LONGEST_TICKET = 64;

    private final JdbcTemplate jdbc;
    private final AuthProperties.StreamTickets settings;

    StreamTickets(JdbcTemplate jdbc, AuthProperties properties) {
        this.jdbc = jdbc;
        this.settings = properties.streamTickets();
    }

    StreamTicket issue(IssueStreamTicketRequest request) {
        if (request.callerId() == null || request.username() == null || request.tokenExpiresAt() == null) {
            throw ServiceException.unauthorized("a stream ticket is issued to a caller with a valid access token");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        // one statement: the new ticket, and the user's oldest beyond the bound gone (the delete does
        // not see the row its own statement inserts, so it keeps maxPerUser - 1 of the earlier ones)
        jdbc.update(
                """
                WITH issued AS (
                  INSERT INTO stream_ticket
                    (ticket_hash, user_id, username, login_id, token_expires_at, issued_at, expires_at)
                  VALUES (?, ?, ?, ?, ?, clock_timestamp(), clock_timestamp() + make_interval(secs => ?))
                )
                DELETE FROM stream_ticket WHERE ticket_hash IN (
                  SELECT ticket_hash FROM stream_ticket WHERE user_id = ?
                  ORDER BY issued_at DESC OFFSET ?)
                """,
                hash(ticket),
                request.callerId(),
                request.username(),
                request.loginId(),
                Timestamp.from(request.tokenExpiresAt()),
                settings.lifetime().toMillis() / 1000.0,
                request.callerId(),
                Math.max(0, settings.maxPerUser() - 1));
        return new StreamTicket(ticket, settings.lifetime().toSeconds());
    }

    /** Whom the ticket was issued to; it is used up either way. */
    StreamTicketHolder redeem(RedeemStreamTicketRequest request) {
        String ticket = request.ticket();
        if (ticket != null && ticket.length() <= LONGEST_TICKET) {
            List<StreamTicketHolder> live = jdbc.query(
                    """
                    DELETE FROM stream_ticket WHERE ticket_hash = ?
                    RETURNING user_id, username, login_id, token_expires_at, expires_at > clock_timestamp() AS live
                    """,
                    (rs, i) -> rs.getBoolean("live")
                            ? new StreamTicketHolder(
                                    rs.getObject("user_id", UUID.class),
                                    rs.getString("username"),
                                    rs.getObject("login_id", UUID.class),
                                    rs.getTimestamp("token_expires_at").toInstant())
                            : null,
                    (Object) hash(ticket));
            if (!live.isEmpty() && live.get(0) != null) {
                return live.get(0);
            }
        }
        throw ServiceException.unauthorized("The stream ticket is unknown, used or expired.");
    }

    /** Deletes the tickets that expired unused; answers how many. */
    int purgeExpired() {
        return jdbc.update("DELETE FROM stream_ticket WHERE expires_at < clock_timestamp()");
    }

    private static byte[] hash(String ticket) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
