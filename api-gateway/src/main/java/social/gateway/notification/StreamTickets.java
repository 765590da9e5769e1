package social.gateway.notification;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import social.gateway.security.AuthenticatedUser;
import social.gateway.web.ApiException;

/**
 * Short-lived, single-use tickets for opening a notification stream, so that a browser's
 * EventSource (which cannot send headers) need not put its access token into a URL, where
 * proxies and access logs keep it. A ticket is 256 random bits, good once and for
 * {@code ticketLifetime}; it is held in this gateway instance only (a client opens its stream
 * through the instance that issued the ticket, or gets a new one).
 */
@Component
class StreamTickets {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Expired tickets are swept when a new one is issued and this many are held. */
    private static final int SWEEP_ABOVE = 1_000;

    private final NotificationProperties properties;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    record Issued(String ticket, long expiresIn) {}

    private record Held(AuthenticatedUser caller, Instant expiresAt) {}

    StreamTickets(NotificationProperties properties) {
        this.properties = properties;
    }

    Issued issue(AuthenticatedUser caller) {
        if (held.size() >= SWEEP_ABOVE) {
            Instant now = Instant.now();
            held.values().removeIf(ticket -> !now.isBefore(ticket.expiresAt()));
        }
        if (held.size() >= properties.maxOpenTickets()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Too many open stream tickets, try again shortly.");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        held.put(ticket, new Held(caller, Instant.now().plus(properties.ticketLifetime())));
        return new Issued(ticket, properties.ticketLifetime().toSeconds());
    }

    /** The caller the ticket was issued to, if it is known, unused and unexpired; it is used up either way. */
    Optional<AuthenticatedUser> redeem(String ticket) {
        Held found = held.remove(ticket);
        if (found == null || !Instant.now().isBefore(found.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(found.caller());
    }
}
