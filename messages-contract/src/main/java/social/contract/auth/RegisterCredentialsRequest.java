package social.contract.auth;

import social.contract.MessageType;

/**
 * Create a login for a new user; auth-service validates every field.
 *
 * @param clientAddress the caller's address as the gateway saw it, for limiting registrations
 */
@MessageType("auth.register")
public record RegisterCredentialsRequest(
        String username, String email, String password, String displayName, String clientAddress) {
    @Override
    public String toString() {
        return "RegisterCredentialsRequest[username=" + username + ", clientAddress=" + clientAddress + "]";
    }
}
