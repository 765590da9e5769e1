package social.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.configuration.SpringDocSecurityConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import social.gateway.GatewayWebMvcTest;
import social.support.rpc.RpcClient;

/**
 * docs/openapi.json is the gateway's live OpenAPI document, which clients are generated from: this
 * fails when the two differ. After a change of the API, write the file anew with
 * {@code ./mvnw -pl api-gateway test -Dtest=OpenApiDocumentTest -Dopenapi.write=true} and commit it.
 */
@GatewayWebMvcTest
@ImportAutoConfiguration({
    SpringDocConfiguration.class,
    SpringDocConfigProperties.class,
    SpringDocSecurityConfiguration.class,
    SpringDocWebMvcConfiguration.class
})
class OpenApiDocumentTest {
    static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    RpcClient rpc;

    @Test
    void theCommittedDocumentIsTheLiveOne() throws IOException {
        String live = mvc.get().uri("/v3/api-docs").exchange().getResponse().getContentAsString(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, live.endsWith("\n") ? live : live + "\n", StandardCharsets.UTF_8);
        }
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED, StandardCharsets.UTF_8));

        assertThat(JSON.readTree(live))
                .as("docs/openapi.json differs from the live document: write it anew (see this test's comment)")
                .isEqualTo(committed);
    }
}
