package social.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import social.gateway.web.ProblemCode;

/** The answer every error of the API gives: RFC 9457 problem+json, never a stack trace. */
public final class ProblemJson {
    private ProblemJson() {}

    /** A problem of this status, titled with its reason phrase, with some detail. */
    public static Consumer<MvcTestResult> problem(HttpStatus status) {
        return result -> {
            assertThat(result).hasStatus(status).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.type").isEqualTo("about:blank");
            assertThat(result).bodyJson().extractingPath("$.title").isEqualTo(status.getReasonPhrase());
            assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status.value());
            assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
            assertThat(result).bodyJson().extractingPath("$.code").asString().matches("[A-Z][A-Z_]*");
            assertThat(result).bodyText().doesNotContain("Exception").doesNotContain("at social.");
        };
    }

    /** A problem of this code, answered with the code's status. */
    public static Consumer<MvcTestResult> problem(ProblemCode code) {
        return problem(code.status())
                .andThen(result ->
                        assertThat(result).bodyJson().extractingPath("$.code").isEqualTo(code.name()));
    }

    public static Consumer<MvcTestResult> problem(ProblemCode code, String detail) {
        return problem(code)
                .andThen(result ->
                        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail));
    }

    public static Consumer<MvcTestResult> problem(HttpStatus status, String detail) {
        return problem(status)
                .andThen(result ->
                        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo(detail));
    }
}
