package social.contract.auth;

import social.contract.MessageType;

/**
 * Use up a stream ticket: answered with whom it was issued to, once; an unknown, used or expired
 * ticket is {@code UNAUTHORIZED}.
 */
@MessageType("auth.redeem-stream-ticket")
public record RedeemStreamTicketRequest(String ticket) {
    @Override
    public String toString() {
        return "RedeemStreamTicketRequest[]";
    }
}
