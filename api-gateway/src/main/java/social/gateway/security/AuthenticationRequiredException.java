package social.gateway.security;

import org.springframework.http.HttpStatus;

import social.gateway.web.ApiException;

/** A protected endpoint was called without a valid access token. */
class AuthenticationRequiredException extends ApiException {
    AuthenticationRequiredException() {
        super(HttpStatus.UNAUTHORIZED, "A valid access token is required.");
    }
}
