package social.contract.auth;

import social.contract.MessageType;

/**
 * Create a login for a new user; auth-service validates every field.
 *
 * @param clientAddress the caller's address as the gateway saw it, for limiting registrations
 * @param requestKey    the gateway's random key of this one request: the same request delivered
 *                      again (auth-service died after its commit, before its acknowledgement)
 *                      answers the account it made instead of "username is taken"
 */
@MessageType("auth.register")
public record RegisterCredentialsRequest(
        String username, String email, String password, String displayName, String clientAddress, String requestKey) {
    @Override
    public String toString() {
        return "RegisterCredentialsRequest[username=" + username + ", clientAddress=" + clientAddress + "]";
    }
}
