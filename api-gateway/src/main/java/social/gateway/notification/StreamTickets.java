package social.gateway.notification;

import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.stereotype.Component;

import social.contract.ErrorCode;
import social.contract.auth.AuthRpc;
import social.contract.auth.IssueStreamTicketRequest;
import social.contract.auth.RedeemStreamTicketRequest;
import social.contract.auth.StreamTicket;
import social.contract.auth.StreamTicketHolder;
import social.gateway.security.AuthenticatedUser;
import social.gateway.security.LoggedOutLogins;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;

/**
 * Short-lived, single-use tickets for opening a notification stream, so that a browser's
 * EventSource (which cannot send headers) need not put its access token into a URL, where
 * proxies and access logs keep it. auth-service issues and keeps them (256 random bits, good once
 * and for a short while, stored as a hash), not the gateway instance the client asked: behind a
 * load balancer the client may open its stream through any instance.
 */
@Component
class StreamTickets {
    /** A ticket is 43 characters; anything much longer is not one, and costs auth-service nothing. */
    private static final int LONGEST_TICKET = 64;

    private final RpcClient rpc;
    private final LoggedOutLogins loggedOut;

    @Schema(name = "StreamTicket", description = "Opens the notification stream once: ?ticket=")
    record Issued(
            @Schema(description = "single use", maxLength = 64)
            String ticket,

            @Schema(description = "seconds it stays good", minimum = "1")
            long expiresIn) {}

    StreamTickets(RpcClient rpc, LoggedOutLogins loggedOut) {
        this.rpc = rpc;
        this.loggedOut = loggedOut;
    }

    Issued issue(AuthenticatedUser caller) {
        StreamTicket ticket = rpc.callAndWait(
                AuthRpc.ISSUE_STREAM_TICKET,
                new IssueStreamTicketRequest(
                        caller.id(), caller.username(), caller.loginId(), caller.tokenExpiresAt()));
        return new Issued(ticket.ticket(), ticket.expiresIn());
    }

    /**
     * The caller the ticket was issued to, if it is known, unused and unexpired, and its login has not
     * ended since (nor its account gone); it is used up either way.
     */
    Optional<AuthenticatedUser> redeem(String ticket) {
        if (ticket.isEmpty() || ticket.length() > LONGEST_TICKET) {
            return Optional.empty();
        }
        StreamTicketHolder holder;
        try {
            holder = rpc.callAndWait(AuthRpc.REDEEM_STREAM_TICKET, new RedeemStreamTicketRequest(ticket));
        } catch (RpcErrorException e) {
            if (e.reply().code() == ErrorCode.UNAUTHORIZED) {
                return Optional.empty();
            }
            throw e;
        }
        // a ticket dies with its login: a logout, a password change (which ends the other logins) or
        // the account's deletion after it was issued refuses it, as it refuses the login's tokens
        if (loggedOut.refusesTicketOf(holder.userId(), holder.loginId())) {
            return Optional.empty();
        }
        return Optional.of(
                new AuthenticatedUser(holder.userId(), holder.username(), holder.tokenExpiresAt(), holder.loginId()));
    }
}
