package social.gateway.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import social.contract.ErrorReply;

/**
 * RFC 9457 problem details, the one shape every error of the API has; each names its request with
 * the extension {@code requestId}: the id of the trace the request started (docs/operations.md, "Tracing":
 * the same id is in the logs and the tracing backend).
 */
@Component
public class Problems {
    public static final String REQUEST_ID = "requestId";
    /** The extension every problem has: its {@link ProblemCode}. */
    public static final String CODE = "code";

    private static final URI ABOUT_BLANK = URI.create("about:blank");

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    /** A problem of {@code code}, answered with the code's status. */
    public static ProblemDetail problem(ProblemCode code, String detail) {
        return problem(code.status(), code, detail);
    }

    /** A problem answered with {@code status} (the code's own, or any for {@link ProblemCode#HTTP_ERROR}). */
    public static ProblemDetail problem(HttpStatusCode status, ProblemCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setType(ABOUT_BLANK);
        problem.setProperty(CODE, code.name());
        SpanContext trace = Span.current().getSpanContext();
        if (trace.isValid()) {
            problem.setProperty(REQUEST_ID, trace.getTraceId());
        }
        return problem;
    }

    public static ProblemDetail withFieldErrors(ProblemDetail problem, List<ErrorReply.FieldError> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty(
                    "errors",
                    errors.stream()
                            .map(error -> Map.of("field", error.field(), "message", error.message()))
                            .toList());
        }
        return problem;
    }

    /** For filters, which answer before Spring MVC could. */
    public void write(HttpServletResponse response, ProblemCode code, String detail, Map<String, String> headers)
            throws IOException {
        write(response, code.status(), code, detail, headers);
    }

    /** For filters, with a status of the code's choosing ({@link ProblemCode#HTTP_ERROR}'s varies). */
    public void write(
            HttpServletResponse response,
            HttpStatusCode status,
            ProblemCode code,
            String detail,
            Map<String, String> headers)
            throws IOException {
        response.setStatus(status.value());
        headers.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem(status, code, detail));
    }

    public void unauthorized(HttpServletResponse response, String detail) throws IOException {
        write(
                response,
                ProblemCode.UNAUTHENTICATED,
                detail,
                Map.of(HttpHeaders.WWW_AUTHENTICATE, bearerChallenge(detail)));
    }

    public static String bearerChallenge(String detail) {
        return "Bearer error=\"invalid_token\", error_description=\"" + detail.replace("\"", "'") + "\"";
    }
}
