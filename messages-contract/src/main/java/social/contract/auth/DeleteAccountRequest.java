package social.contract.auth;

import java.util.UUID;

import social.contract.MessageType;

/**
 * @param callerId      the authenticated user, set by the gateway from the access token
 * @param password      the account's password, asked again before anything is deleted
 * @param clientAddress the caller's address as the gateway saw it, for the hashing budget
 */
@MessageType("auth.delete-account")
public record DeleteAccountRequest(UUID callerId, String password, String clientAddress) {
    @Override
    public String toString() {
        return "DeleteAccountRequest[callerId=" + callerId + ", clientAddress=" + clientAddress + "]";
    }
}
