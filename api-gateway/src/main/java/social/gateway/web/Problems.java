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

    private final JsonMapper json;

    public Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setType(URI.create("about:blank"));
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
    public void write(HttpServletResponse response, HttpStatus status, String detail, Map<String, String> headers)
            throws IOException {
        response.setStatus(status.value());
        headers.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem(status, detail));
    }

    public void unauthorized(HttpServletResponse response, String detail) throws IOException {
        write(response, HttpStatus.UNAUTHORIZED, detail, Map.of(HttpHeaders.WWW_AUTHENTICATE, bearerChallenge(detail)));
    }

    public static String bearerChallenge(String detail) {
        return "Bearer error=\"invalid_token\", error_description=\"" + detail.replace("\"", "'") + "\"";
    }
}
