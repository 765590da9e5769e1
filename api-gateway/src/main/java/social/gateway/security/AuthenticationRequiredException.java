package social.gateway.security;

import social.gateway.web.ApiException;
import social.gateway.web.ProblemCode;

/** A protected endpoint was called without a valid access token. */
class AuthenticationRequiredException extends ApiException {
    AuthenticationRequiredException() {
        super(ProblemCode.UNAUTHENTICATED, "A valid access token is required.");
    }
}
