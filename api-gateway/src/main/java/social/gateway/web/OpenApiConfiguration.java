package social.gateway.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    /** Every operation can fail in these ways; each answers problem+json. */
    @Bean
    OperationCustomizer problemResponses() {
        Content problem = new Content()
                .addMediaType(
                        MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new io.swagger.v3.oas.models.media.MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")));
        Map<String, String> failures = new LinkedHashMap<>();
        failures.put("400", "Invalid input (validation errors listed in errors[])");
        failures.put("401", "Missing, expired or invalid access token (WWW-Authenticate: Bearer)");
        failures.put("404", "Not found");
        failures.put("413", "Body over 64 KiB");
        failures.put("429", "Too many requests (Retry-After)");
        failures.put("503", "A service is unavailable");
        failures.put("504", "A service did not answer in time");
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses();
            failures.forEach((code, description) ->
                    responses.computeIfAbsent(code, ignored -> new ApiResponse().description(description)));
            // failures a handler declares itself (409, 403) answer problem+json like the rest
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    response.setContent(problem);
                }
            });
            return operation;
        };
    }

    @Bean
    OpenAPI socialApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Social API")
                        .version("v1")
                        .description("A Twitter-like social network. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addSchemas("ProblemDetail", problemDetail()));
    }

    /** RFC 9457 problem details, as every error of the API is shaped. */
    private static Schema<Object> problemDetail() {
        Schema<Object> fieldError =
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        Schema<Object> problem = new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("errors", new ArraySchema().items(fieldError).description("validation failures only"));
        problem.setRequired(List.of("type", "title", "status", "detail"));
        return problem;
    }
}
