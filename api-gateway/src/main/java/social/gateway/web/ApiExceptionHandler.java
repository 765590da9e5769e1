package social.gateway.web;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import social.contract.ErrorReply;
import social.support.rpc.RpcErrorException;
import social.support.rpc.RpcTimeoutException;
import social.support.rpc.RpcUnavailableException;

/**
 * Turns every failure into problem+json: Spring MVC's own (400, 404, 405, 415 ...) through the
 * base class, a service's error reply by its code, no reply in time as 504 and an unreachable
 * service or broker as 503. Nothing else is guessed, and no stack trace leaves the gateway.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(RpcErrorException.class)
    ResponseEntity<ProblemDetail> errorReply(RpcErrorException e) {
        ErrorReply reply = e.reply();
        ProblemCode code = ProblemCode.of(reply.code());
        HttpStatus status = code.status();
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (reply.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, reply.retryAfterSeconds().toString());
        }
        return response.body(Problems.withFieldErrors(Problems.problem(code, reply.message()), reply.errors()));
    }

    @ExceptionHandler(RpcTimeoutException.class)
    ResponseEntity<ProblemDetail> timeout(RpcTimeoutException e) {
        log.warn("{}", e.getMessage());
        return of(ProblemCode.TIMEOUT, "A service did not answer in time.");
    }

    @ExceptionHandler(RpcUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(RpcUnavailableException e) {
        log.warn("{}", e.getMessage());
        return of(ProblemCode.SERVICE_UNAVAILABLE, "A service is unavailable, try again shortly.");
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.status() == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(Problems.problem(e.code(), e.getMessage()));
    }

    /**
     * An id in a path that is not a UUID cannot exist: 404, as for any unknown id ("no such post"
     * for a parameter {@code postId}). Any other parameter of the wrong type is a bad request.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        if (e.getParameter().hasParameterAnnotation(PathVariable.class) && UUID.class.equals(e.getRequiredType())) {
            return of(ProblemCode.NOT_FOUND, "no such " + namedBy(e.getParameter()));
        }
        return of(ProblemCode.MALFORMED_REQUEST, "Parameter '" + e.getName() + "' has an invalid value.");
    }

    /** What an id parameter names: a post for {@code postId}. */
    private static String namedBy(MethodParameter idParameter) {
        String name = idParameter.getParameterName();
        return name != null && name.endsWith("Id") ? name.substring(0, name.length() - "Id".length()) : "resource";
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<?> unexpected(Exception e, WebRequest request) throws Exception {
        try {
            ResponseEntity<Object> handled = handleException(e, request);
            if (handled != null) {
                return handled;
            }
        } catch (Exception notMvc) {
            // not one of Spring MVC's exceptions: an unexpected failure
        }
        log.error("unexpected failure", e);
        return of(ProblemCode.INTERNAL_ERROR, "Something went wrong on our side.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (BodySizeLimitFilter.isTooLarge(e)) {
            return new ResponseEntity<>(
                    Problems.problem(ProblemCode.PAYLOAD_TOO_LARGE, "The request body is too large."),
                    ProblemCode.PAYLOAD_TOO_LARGE.status());
        }
        return new ResponseEntity<>(
                Problems.problem(
                        ProblemCode.MALFORMED_REQUEST,
                        "The request body is missing or is not valid JSON of the expected shape."),
                ProblemCode.MALFORMED_REQUEST.status());
    }

    /** Spring MVC's own problems get the same members as ours: type and title are always there. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemDetail complete =
                    Problems.problem(statusCode, ProblemCode.forStatus(statusCode.value()), problem.getDetail());
            if (problem.getProperties() != null) {
                problem.getProperties().forEach(complete::setProperty);
            }
            complete.setInstance(problem.getInstance());
            body = complete;
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<ProblemDetail> of(ProblemCode code, String detail) {
        return ResponseEntity.status(code.status()).body(Problems.problem(code, detail));
    }
}
