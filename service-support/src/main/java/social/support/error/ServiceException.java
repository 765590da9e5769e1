package social.support.error;

import java.util.List;

import social.contract.ErrorCode;
import social.contract.ErrorReply;

/** A refusal a service answers with: it becomes an {@link ErrorReply}, never a stack trace. */
public class ServiceException extends RuntimeException {
    private final transient ErrorReply reply;

    public ServiceException(ErrorReply reply) {
        super(reply.code() + ": " + reply.message(), null, false, false);
        this.reply = reply;
    }

    public ServiceException(ErrorCode code, String message) {
        this(ErrorReply.of(code, message));
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(ErrorCode.NOT_FOUND, message);
    }

    public static ServiceException conflict(String message) {
        return new ServiceException(ErrorCode.CONFLICT, message);
    }

    public static ServiceException forbidden(String message) {
        return new ServiceException(ErrorCode.FORBIDDEN, message);
    }

    /** Refused because one of the two users blocks the other. */
    public static ServiceException blocked(String message) {
        return new ServiceException(ErrorCode.BLOCKED, message);
    }

    public static ServiceException unauthorized(String message) {
        return new ServiceException(ErrorCode.UNAUTHORIZED, message);
    }

    public static ServiceException invalid(String field, String message) {
        return new ServiceException(new ErrorReply(
                ErrorCode.VALIDATION_FAILED,
                "The request is not valid.",
                List.of(new ErrorReply.FieldError(field, message)),
                null));
    }

    public ErrorReply reply() {
        return reply;
    }
}
