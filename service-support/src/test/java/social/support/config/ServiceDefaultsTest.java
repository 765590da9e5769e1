package social.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class ServiceDefaultsTest {

    @Test
    void withoutAnOtlpEndpointNothingIsExportedAndNothingSampled() {
        MockEnvironment environment = new MockEnvironment();

        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(ServiceDefaults.OTLP_ENDPOINT)).isNull();
        assertThat(environment.getProperty(ServiceDefaults.SAMPLING)).isEqualTo("0.0");
        assertThat(environment.getProperty(ServiceDefaults.STRUCTURED_CONSOLE)).isNull();
    }

    @Test
    void anOtlpEndpointExportsEveryTraceUnlessASamplingProbabilityIsGiven() {
        MockEnvironment everything =
                new MockEnvironment().withProperty("OTLP_TRACING_ENDPOINT", "http://otel:4318/v1/traces");
        new ServiceDefaults().postProcessEnvironment(everything, new SpringApplication());
        assertThat(everything.getProperty(ServiceDefaults.OTLP_ENDPOINT)).isEqualTo("http://otel:4318/v1/traces");
        assertThat(everything.getProperty(ServiceDefaults.SAMPLING)).isEqualTo("1.0");

        MockEnvironment sampled = new MockEnvironment()
                .withProperty("OTLP_TRACING_ENDPOINT", "http://otel:4318/v1/traces")
                .withProperty("TRACING_SAMPLING_PROBABILITY", "0.05");
        new ServiceDefaults().postProcessEnvironment(sampled, new SpringApplication());
        assertThat(sampled.getProperty(ServiceDefaults.SAMPLING)).isEqualTo("0.05");
    }

    @Test
    void springsOwnEndpointPropertyCountsAsAnEndpointToo() {
        MockEnvironment environment =
                new MockEnvironment().withProperty(ServiceDefaults.OTLP_ENDPOINT, "http://collector:4318/v1/traces");

        new ServiceDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(ServiceDefaults.SAMPLING)).isEqualTo("1.0");
    }

    @Test
    void logFormatJsonSwitchesTheConsoleToStructuredEcsLines() {
        MockEnvironment json = new MockEnvironment().withProperty("LOG_FORMAT", "JSON");
        new ServiceDefaults().postProcessEnvironment(json, new SpringApplication());
        assertThat(json.getProperty(ServiceDefaults.STRUCTURED_CONSOLE)).isEqualTo("ecs");

        MockEnvironment logstash = new MockEnvironment().withProperty("LOG_FORMAT", "logstash");
        new ServiceDefaults().postProcessEnvironment(logstash, new SpringApplication());
        assertThat(logstash.getProperty(ServiceDefaults.STRUCTURED_CONSOLE)).isEqualTo("logstash");

        MockEnvironment text = new MockEnvironment().withProperty("LOG_FORMAT", "text");
        new ServiceDefaults().postProcessEnvironment(text, new SpringApplication());
        assertThat(text.getProperty(ServiceDefaults.STRUCTURED_CONSOLE)).isNull();
    }
}
