package social.contract.auth;

import java.util.UUID;

import social.contract.MessageType;

/** @param callerId the authenticated user, set by the gateway from the access token */
@MessageType("auth.logout")
public record LogoutRequest(UUID callerId, String refreshToken) {
    @Override
    public String toString() {
        return "LogoutRequest[callerId=" + callerId + "]";
    }
}
