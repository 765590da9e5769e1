package social.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The PromQL checker finds what Prometheus would refuse, and tells what an expression reads, so that the
 * checks of the dashboard and the alert rules cannot pass vacuously.
 */
class PromQlTest {

    @Test
    void aQuantileOverAHistogramParsesAndTellsItsMetricsLabelsAndFunctions() {
        PromQl.Query query = PromQl.parse("histogram_quantile(0.99, sum by (le, operation)"
                + " (rate(social_rpc_client_seconds_bucket{application=~\"$application\", outcome!=\"ok\"}[$__rate_interval])))"
                + " > 0.1 and on (operation) sum by (operation) (rate(social_rpc_client_seconds_count[5m])) > 0.2");

        assertThat(query.type()).isEqualTo(PromQl.Type.VECTOR);
        assertThat(query.metrics())
                .containsExactly("social_rpc_client_seconds_bucket", "social_rpc_client_seconds_count");
        assertThat(query.labels()).containsExactlyInAnyOrder("le", "operation", "application", "outcome");
        assertThat(query.functions()).containsExactlyInAnyOrder("histogram_quantile", "sum", "rate");
        assertThat(query.selectors().get(0).matchers())
                .containsExactly(
                        new PromQl.LabelMatcher("application", "=~", "$application"),
                        new PromQl.LabelMatcher("outcome", "!=", "ok"));
    }

    @Test
    void theExpressionsOfTheKindsUsedHereParse() {
        for (String expression : List.of(
                "up{job=~\"a|b\"} == 0",
                "count(up == 0) or vector(0)",
                "sum by (application, instance) (jvm_memory_max_bytes{area=\"heap\"} > 0)",
                "(a + b + c) > 0",
                "sum(rate(x_count{outcome=\"SERVER_ERROR\"}[5m])) / sum(rate(x_count[5m])) > 0.01",
                "max by (queue) (rabbitmq_detailed_queue_messages{queue=~\".+\\\\.dlq\"})",
                "sum without (instance) (x) * on (job) group_left (version) y",
                "topk(5, sum by (uri) (rate(x[1m])))",
                "-x offset 5m",
                "rate(x[5m] offset 1h)",
                "max_over_time(sum(x)[10m:1m])",
                "1 > bool 2",
                "ALERTS{alertstate=\"firing\"}",
                "{__name__=~\"social_.*\"}",
                "x # a comment")) {
            assertThat(PromQl.parse(expression).text()).isEqualTo(expression);
        }
    }

    @Test
    void aRegexEscapeIsResolvedAsPrometheusDoes() {
        PromQl.Query query = PromQl.parse("x{queue=~\".+\\\\.dlq\", a='it\\'s', b=`raw\\.`}");
        assertThat(query.selectors().get(0).matchers())
                .extracting(PromQl.LabelMatcher::value)
                .containsExactly(".+\\.dlq", "it's", "raw\\.");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            sum(rate(x[5m])                         | ')' expected
            rate(x)                                 | must be a matrix
            histogram_quantile(sum(x), 0.99)        | must be a scalar
            x{a=="b"}                               | a label matcher needs
            x{a=~"\\."}                             | unknown escape
            x{a=~"("}                               | invalid regular expression
            x{a="b}                                 | unterminated string
            rates(x[5m])                            | unknown function rates()
            (x)[5m]                                 | a range only follows a vector selector
            x[5m] + 1                               | range vector needs a function
            sum(x[5m])                              | aggregates an instant vector
            1 > 2                                   | needs bool
            x y                                     | end of expression expected
            {}                                      | a metric name or a label matcher
            x[5 m]                                  | a duration such as 5m expected
            x[5x]                                   | bad number or duration
            sum by (le (x)                          | ')' expected
            x and 1                                 | two instant vectors
            x + bool y                              | bool only follows a comparison
            x{job="a"} $application                 | unexpected character '$'
            topk(x, y)                              | takes a scalar first
            clamp_min(x)                            | takes 2 argument(s)
            """)
    void anExpressionPrometheusWouldRefuseIsRefused(String expression, String reason) {
        assertThatThrownBy(() -> PromQl.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void aMetricNotServedOrALabelNoneOfItsMetricsHasIsReported() {
        assertThat(Meters.problems(PromQl.parse("sum by (operation) (rate(social_rpc_client_seconds_count[5m]))")))
                .isEmpty();
        assertThat(Meters.problems(PromQl.parse("rate(social_rpc_client_total[5m])")))
                .containsExactly("unknown metric social_rpc_client_total in: rate(social_rpc_client_total[5m])");
        assertThat(Meters.problems(PromQl.parse("sum by (subscription) (social_outbox_pending)")))
                .singleElement()
                .asString()
                .startsWith("label subscription is on none of [social_outbox_pending]");
        // the labels Prometheus gives every target are always there
        assertThat(Meters.problems(PromQl.parse("up{job=\"x\", instance=\"y:1\"} == 0")))
                .isEmpty();
    }
}
