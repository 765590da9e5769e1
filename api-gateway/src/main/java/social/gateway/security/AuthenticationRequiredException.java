package social.gateway.security;

/** A protected endpoint was called without a valid access token. */
public class AuthenticationRequiredException extends RuntimeException {
    public AuthenticationRequiredException() {
        super("A valid access token is required.", null, false, false);
    }
}
