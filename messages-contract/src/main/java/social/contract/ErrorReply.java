package social.contract;

import java.util.List;

/**
 * The reply of an operation that did not succeed. No exception crosses the wire:
 * the gateway maps {@link #code()} to an HTTP status.
 *
 * @param retryAfterSeconds set with {@link ErrorCode#TOO_MANY_REQUESTS}
 */
@MessageType("error")
public record ErrorReply(ErrorCode code, String message, List<FieldError> errors, Long retryAfterSeconds) {

    public ErrorReply {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ErrorReply of(ErrorCode code, String message) {
        return new ErrorReply(code, message, List.of(), null);
    }

    public record FieldError(String field, String message) {}
}
