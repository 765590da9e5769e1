package social.gateway.web;

import org.springframework.http.HttpStatus;

/** A refusal decided at the gateway itself (a malformed id, a bad page size). */
public class ApiException extends RuntimeException {
    private final ProblemCode code;

    public ApiException(ProblemCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public static ApiException notFound(String message) {
        return new ApiException(ProblemCode.NOT_FOUND, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(ProblemCode.VALIDATION_FAILED, message);
    }

    public ProblemCode code() {
        return code;
    }

    public HttpStatus status() {
        return code.status();
    }
}
