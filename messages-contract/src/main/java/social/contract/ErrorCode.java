package social.contract;

/**
 * What went wrong, independent of any transport. The gateway answers each with an HTTP status and
 * a problem {@code code} of the public API (docs/API.md, "Problem codes"); a refusal that a client
 * may want to tell apart from others of its status has a code of its own.
 */
public enum ErrorCode {
    VALIDATION_FAILED,
    /** No valid caller: a missing or ended login, a stream ticket for nobody. */
    UNAUTHORIZED,
    /** A username and password (or the password asked again) that open no account. */
    INVALID_CREDENTIALS,
    /** A refresh token that is unknown, used, expired or revoked. */
    INVALID_REFRESH_TOKEN,
    FORBIDDEN,
    /** Refused because one of the two users blocks the other. */
    BLOCKED,
    NOT_FOUND,
    CONFLICT,
    USERNAME_TAKEN,
    EMAIL_TAKEN,
    /** The caller already follows the most accounts allowed. */
    FOLLOW_LIMIT_REACHED,
    /** A post's edit window (60 minutes from its creation) has passed. */
    EDIT_WINDOW_CLOSED,
    /** A post was already edited as often as allowed (10 times). */
    EDIT_LIMIT_REACHED,
    /** A post with more hashtags than allowed (10). */
    TOO_MANY_HASHTAGS,
    /** A post with more mentions than allowed (10). */
    TOO_MANY_MENTIONS,
    TOO_MANY_REQUESTS,
    /** Too many failed logins for this username or address; set with a retry time. */
    TOO_MANY_FAILED_LOGINS,
    /** A service the request needed could not be reached or did not answer. */
    UNAVAILABLE,
    INTERNAL
}
