package social.gateway.web;

import org.springframework.http.HttpStatus;

import social.contract.ErrorCode;

/**
 * The {@code code} of every problem the API answers: stable, machine-readable, one meaning each, so
 * that a client can branch on it and translate it. docs/API.md ("Problem codes") lists every one
 * with its status; {@code ProblemCodesTest} keeps the two the same.
 */
public enum ProblemCode {
    /** The request breaks a rule of the API (a field, a parameter); {@code errors} names the fields when known. */
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST),
    /** The request cannot be read: a body that is not JSON of the expected shape, a parameter of the wrong type or missing. */
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST),
    /** A post with more than 10 hashtags. */
    TOO_MANY_HASHTAGS(HttpStatus.BAD_REQUEST),
    /** A post with more than 10 mentions. */
    TOO_MANY_MENTIONS(HttpStatus.BAD_REQUEST),
    /** No valid access token where one is needed (missing, expired, tampered, or of a login that ended). */
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED),
    /** A username and password, or the password asked again, that open no account. */
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED),
    /** A refresh token that is unknown, used, expired or revoked. */
    INVALID_REFRESH_TOKEN(HttpStatus.UNAUTHORIZED),
    /** A notification stream ticket that is unknown, used or expired. */
    INVALID_STREAM_TICKET(HttpStatus.UNAUTHORIZED),
    /** Not the caller's to do (someone else's post). */
    FORBIDDEN(HttpStatus.FORBIDDEN),
    /** Refused because the caller and the other user block one another. */
    BLOCKED(HttpStatus.FORBIDDEN),
    /**
     * A cross-origin request the CORS rules refuse: its origin is not in CORS_ALLOWED_ORIGINS, or its
     * preflight asks for a method or header the API does not take.
     */
    CORS_REQUEST_REFUSED(HttpStatus.FORBIDDEN),
    /** No such resource, or no such path. */
    NOT_FOUND(HttpStatus.NOT_FOUND),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
    /** The Accept header asks for a representation the endpoint does not have. */
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE),
    /** The request conflicts with the resource's state. */
    CONFLICT(HttpStatus.CONFLICT),
    USERNAME_TAKEN(HttpStatus.CONFLICT),
    EMAIL_TAKEN(HttpStatus.CONFLICT),
    /** The caller already follows the most accounts allowed. */
    FOLLOW_LIMIT_REACHED(HttpStatus.CONFLICT),
    /** The post's edit window (60 minutes from its creation) has passed. */
    EDIT_WINDOW_CLOSED(HttpStatus.CONFLICT),
    /** The post was already edited as often as allowed (10 times). */
    EDIT_LIMIT_REACHED(HttpStatus.CONFLICT),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    /** The caller's (or the address's) budget is used up; {@code Retry-After} says for how long. */
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS),
    /** Too many failed logins for this username or address; {@code Retry-After}. */
    TOO_MANY_FAILED_LOGINS(HttpStatus.TOO_MANY_REQUESTS),
    /** Too many invalid access tokens from this address; {@code Retry-After}. */
    TOO_MANY_INVALID_TOKENS(HttpStatus.TOO_MANY_REQUESTS),
    /** Too many notification streams open (from the address, or on the instance). */
    TOO_MANY_STREAMS(HttpStatus.TOO_MANY_REQUESTS),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR),
    /** A service, or the gateway itself, cannot take the request now; retry (often after {@code Retry-After}). */
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    /** A service did not answer in time. */
    TIMEOUT(HttpStatus.GATEWAY_TIMEOUT),
    /**
     * Any other status the HTTP server answers by itself before the API sees the request (a URI or
     * header too long, an unsupported HTTP version): the status says what.
     */
    HTTP_ERROR(null);

    private final HttpStatus status;

    ProblemCode(HttpStatus status) {
        this.status = status;
    }

    /** The status this code is answered with; null for {@link #HTTP_ERROR}, whose status varies. */
    public HttpStatus status() {
        return status;
    }

    /** The code of a service's error reply. */
    public static ProblemCode of(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> VALIDATION_FAILED;
            case UNAUTHORIZED -> UNAUTHENTICATED;
            case INVALID_CREDENTIALS -> INVALID_CREDENTIALS;
            case INVALID_REFRESH_TOKEN -> INVALID_REFRESH_TOKEN;
            case FORBIDDEN -> FORBIDDEN;
            case BLOCKED -> BLOCKED;
            case NOT_FOUND -> NOT_FOUND;
            case CONFLICT -> CONFLICT;
            case USERNAME_TAKEN -> USERNAME_TAKEN;
            case EMAIL_TAKEN -> EMAIL_TAKEN;
            case FOLLOW_LIMIT_REACHED -> FOLLOW_LIMIT_REACHED;
            case EDIT_WINDOW_CLOSED -> EDIT_WINDOW_CLOSED;
            case EDIT_LIMIT_REACHED -> EDIT_LIMIT_REACHED;
            case TOO_MANY_HASHTAGS -> TOO_MANY_HASHTAGS;
            case TOO_MANY_MENTIONS -> TOO_MANY_MENTIONS;
            case TOO_MANY_REQUESTS -> RATE_LIMITED;
            case TOO_MANY_FAILED_LOGINS -> TOO_MANY_FAILED_LOGINS;
            case UNAVAILABLE -> SERVICE_UNAVAILABLE;
            case INTERNAL -> INTERNAL_ERROR;
        };
    }

    /** The code of a status answered without a more specific one (by Spring MVC, the servlet container). */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 500 -> INTERNAL_ERROR;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> TIMEOUT;
            default -> HTTP_ERROR;
        };
    }
}
