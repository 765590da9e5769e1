package social.contract.auth;

import social.contract.MessageType;

/** Create a login for a new user; auth-service validates every field. */
@MessageType("auth.register")
public record RegisterCredentialsRequest(String username, String email, String password, String displayName) {
    @Override
    public String toString() {
        return "RegisterCredentialsRequest[username=" + username + "]";
    }
}
