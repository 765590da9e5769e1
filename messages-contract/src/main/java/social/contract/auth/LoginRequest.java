package social.contract.auth;

import social.contract.MessageType;

/** @param clientAddress the caller's address as the gateway saw it, for throttling */
@MessageType("auth.login")
public record LoginRequest(String username, String password, String clientAddress) {
    @Override
    public String toString() {
        return "LoginRequest[username=" + username + ", clientAddress=" + clientAddress + "]";
    }
}
