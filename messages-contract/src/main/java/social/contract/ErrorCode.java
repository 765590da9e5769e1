package social.contract;

/** What went wrong, independent of any transport. */
public enum ErrorCode {
    VALIDATION_FAILED,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_MANY_REQUESTS,
    /** A service the request needed could not be reached or did not answer. */
    UNAVAILABLE,
    INTERNAL
}
