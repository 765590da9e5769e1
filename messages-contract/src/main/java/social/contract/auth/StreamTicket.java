package social.contract.auth;

import social.contract.MessageType;

/** @param expiresIn seconds the ticket stays good for its one use */
@MessageType("auth.stream-ticket")
public record StreamTicket(String ticket, long expiresIn) {
    @Override
    public String toString() {
        return "StreamTicket[expiresIn=" + expiresIn + "]";
    }
}
