package social.gateway.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;

import social.gateway.ratelimit.RateLimitHeaders;
import social.gateway.security.Caller;
import social.gateway.web.PageSize;
import social.gateway.web.ProblemCode;

/**
 * The OpenAPI document clients are generated from (docs/API.md, "OpenAPI as the client contract";
 * committed as docs/openapi.json). Besides what springdoc reads off the handlers and the shapes'
 * annotations, the conventions every operation shares are added here, from the code they describe:
 * who may call it (from its {@link Caller} parameter), the problem+json errors it can answer with
 * their codes, the rate-limit headers, the paging parameters; and the document is made exact and
 * stable: every property of an answer's shape is required (the API always sends every field,
 * null where it has no value), a nullable reference is {@code oneOf} it and null, tags are sorted.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String BEARER = "bearer";
    static final String PROBLEM = "ProblemDetail";
    private static final String PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    static {
        Schemas.describeContractRecords();
    }

    /** The errors any operation may answer, each a response of the components: status, name, description. */
    private record CommonError(String status, String name, String description, List<String> headers) {}

    private static final List<CommonError> COMMON_ERRORS = List.of(
            new CommonError(
                    "400",
                    "BadRequest",
                    "The request breaks a rule (VALIDATION_FAILED, the fields in errors[]) or cannot be read"
                            + " (MALFORMED_REQUEST)",
                    List.of()),
            new CommonError(
                    "401",
                    "Unauthenticated",
                    "No valid access token where one is needed, or credentials that open no account",
                    List.of(HttpHeaders.WWW_AUTHENTICATE)),
            new CommonError("404", "NotFound", "No such resource or path", List.of()),
            new CommonError("413", "PayloadTooLarge", "A request body over 64 KiB", List.of()),
            new CommonError(
                    "429",
                    "TooManyRequests",
                    "A budget is used up; Retry-After says when to try again",
                    List.of(
                            HttpHeaders.RETRY_AFTER,
                            RateLimitHeaders.LIMIT,
                            RateLimitHeaders.REMAINING,
                            RateLimitHeaders.RESET)),
            new CommonError(
                    "503",
                    "ServiceUnavailable",
                    "A service, or the gateway itself, cannot take the request now; retry (after Retry-After when"
                            + " given)",
                    List.of(HttpHeaders.RETRY_AFTER)),
            new CommonError("504", "Timeout", "A service did not answer in time", List.of()));

    private static final List<String> RATE_LIMIT_HEADERS =
            List.of(RateLimitHeaders.LIMIT, RateLimitHeaders.REMAINING, RateLimitHeaders.RESET);

    @Bean
    OpenAPI socialApi() {
        Components components = new Components()
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description("An access token from /api/auth/login or /api/auth/refresh"))
                .addSchemas("FieldError", fieldError())
                .addSchemas(PROBLEM, problemDetail());
        headers().forEach(components::addHeaders);
        for (CommonError error : COMMON_ERRORS) {
            components.addResponses(
                    error.name(), problemResponse(error.description() + codesOf(error.status()), error.headers()));
        }
        return new OpenAPI()
                .info(new Info()
                        .title("Social API")
                        .version("1.2")
                        .description("A Twitter-like social network: the public HTTP API of its gateway (docs/API.md)."
                                + " Errors are RFC 9457 problem details with a machine-readable `code`; every"
                                + " rate-limited answer tells the caller's budget in RateLimit-* headers."))
                // relative: the document is served by the gateway it describes, wherever that runs
                .servers(List.of(new Server().url("/").description("the gateway serving this document")))
                .components(components);
    }

    /**
     * Per operation: its security, the errors it can answer, the headers of its answers, and the
     * paging parameters, from the handler it documents.
     */
    @Bean
    OperationCustomizer operationConventions() {
        return (operation, handler) -> {
            operation.setSecurity(securityOf(handler));
            ApiResponses responses = operation.getResponses();
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    RATE_LIMIT_HEADERS.forEach(header -> response.addHeaderObject(header, headerRef(header)));
                    if (status.equals("201")) {
                        response.addHeaderObject(HttpHeaders.LOCATION, headerRef(HttpHeaders.LOCATION));
                    }
                } else if (status.startsWith("4") || status.startsWith("5")) {
                    // failures a handler declares itself (409, 403, a 400 or 401 of its own) answer problem+json
                    // too, with the headers of their status
                    response.setContent(problemContent());
                    COMMON_ERRORS.stream()
                            .filter(error -> error.status().equals(status))
                            .flatMap(error -> error.headers().stream())
                            .forEach(header -> response.addHeaderObject(header, headerRef(header)));
                }
            });
            for (CommonError error : COMMON_ERRORS) {
                if (!responses.containsKey(error.status())) {
                    responses.addApiResponse(error.status(), new ApiResponse().$ref(error.name()));
                }
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(OpenApiConfiguration::describePaging);
            }
            return operation;
        };
    }

    /** Over the whole document: exact required lists, nullable references, a stable order. */
    @Bean
    OpenApiCustomizer documentConventions() {
        return openApi -> {
            if (openApi.getTags() != null) {
                openApi.setTags(openApi.getTags().stream()
                        .sorted(Comparator.comparing(Tag::getName))
                        .toList());
            }
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Set<String> requestShapes = requestShapes(openApi);
            schemas.forEach((name, schema) -> {
                if (schema.getProperties() == null) {
                    return;
                }
                if (!requestShapes.contains(name) && !name.equals(PROBLEM)) {
                    // an answer always carries every field (null where it has no value)
                    schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
                }
                Map<String, Schema> properties = schema.getProperties();
                properties.replaceAll((property, value) -> nullableReference(value));
            });
        };
    }

    /**
     * Who may call the operation, from its handler's {@link Caller} parameter: required, a bearer
     * token; optional, anyone (a valid token personalises); none, anyone without a token.
     */
    private static List<SecurityRequirement> securityOf(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            Caller caller = parameter.getParameterAnnotation(Caller.class);
            if (caller != null) {
                SecurityRequirement bearer = new SecurityRequirement().addList(BEARER);
                return caller.required() ? List.of(bearer) : List.of(new SecurityRequirement(), bearer);
            }
        }
        return List.of();
    }

    /** The paging parameters every list shares (docs/API.md, "Conventions"). */
    private static void describePaging(Parameter parameter) {
        if (!"query".equals(parameter.getIn()) || parameter.getDescription() != null) {
            return;
        }
        if (parameter.getName().equals("limit")) {
            parameter.setDescription("items per page: default " + PageSize.DEFAULT + ", at most " + PageSize.MAX
                    + " (larger values are clamped)");
            parameter.getSchema().setMinimum(java.math.BigDecimal.ONE);
            parameter.getSchema().setDefault(PageSize.DEFAULT);
        } else if (parameter.getName().equals("cursor")) {
            parameter.setDescription("the previous page's nextCursor; absent for the first page");
        }
    }

    /** The shapes sent in request bodies: their own annotations say what is required. */
    private static Set<String> requestShapes(OpenAPI openApi) {
        Set<String> names = new HashSet<>();
        for (PathItem path : openApi.getPaths().values()) {
            for (Operation operation : path.readOperations()) {
                if (operation.getRequestBody() != null
                        && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values().forEach(media -> {
                        if (media.getSchema() != null && media.getSchema().get$ref() != null) {
                            names.add(nameOf(media.getSchema().get$ref()));
                        }
                    });
                }
            }
        }
        return names;
    }

    /**
     * A reference marked nullable: in OpenAPI 3.1 a {@code $ref} cannot be widened by its siblings,
     * so it becomes {@code oneOf} the reference and null, keeping its description.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullableReference(Schema property) {
        boolean nullable = Boolean.TRUE.equals(property.getNullable())
                || (property.getTypes() != null && property.getTypes().contains("null"));
        if (property.get$ref() == null || !nullable) {
            return property;
        }
        Schema reference = new Schema().$ref(property.get$ref());
        Schema none = new Schema();
        none.addType("null");
        Schema widened = new Schema().oneOf(List.of(reference, none));
        widened.setDescription(property.getDescription());
        return widened;
    }

    private static String nameOf(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** The problem codes answered with a status, for the description of its response. */
    private static String codesOf(String status) {
        String codes = Arrays.stream(ProblemCode.values())
                .filter(code -> code.status() != null
                        && Integer.toString(code.status().value()).equals(status))
                .map(code -> "`" + code.name() + "`")
                .collect(Collectors.joining(", "));
        return codes.isEmpty() ? "" : ". Codes: " + codes + ".";
    }

    private static Content problemContent() {
        return new Content()
                .addMediaType(
                        PROBLEM_JSON,
                        new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref(PROBLEM)));
    }

    private static ApiResponse problemResponse(String description, List<String> headers) {
        ApiResponse response = new ApiResponse().description(description).content(problemContent());
        headers.forEach(header -> response.addHeaderObject(header, headerRef(header)));
        return response;
    }

    private static Header headerRef(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }

    private static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(
                RateLimitHeaders.LIMIT,
                integerHeader(
                        "the caller's budget: requests allowed in a burst (per signed-in user, else per address)"));
        headers.put(RateLimitHeaders.REMAINING, integerHeader("requests left of the budget after this one"));
        headers.put(RateLimitHeaders.RESET, integerHeader("seconds until the budget is full again"));
        headers.put(HttpHeaders.RETRY_AFTER, integerHeader("seconds to wait before trying again"));
        headers.put(
                HttpHeaders.WWW_AUTHENTICATE,
                new Header().description("the Bearer challenge").schema(new StringSchema()));
        headers.put(
                HttpHeaders.LOCATION,
                new Header().description("the path of what was created").schema(new StringSchema()));
        return headers;
    }

    private static Header integerHeader(String description) {
        return new Header().description(description).schema(new IntegerSchema().minimum(java.math.BigDecimal.ZERO));
    }

    private static Schema<Object> fieldError() {
        Schema<Object> error = new ObjectSchema()
                .description("One field of a request that breaks a rule")
                .addProperty("field", new StringSchema().description("the field or parameter, as the request names it"))
                .addProperty("message", new StringSchema().description("what the rule is"));
        error.setRequired(List.of("field", "message"));
        return error;
    }

    /** RFC 9457 problem details, as every error of the API is shaped, with its {@link ProblemCode}. */
    private static Schema<Object> problemDetail() {
        StringSchema code = new StringSchema();
        code.description("what went wrong, stable and machine-readable (docs/API.md, \"Problem codes\"); more may"
                + " come, a client treats an unknown one by its status");
        Arrays.stream(ProblemCode.values()).map(Enum::name).forEach(code::addEnumItem);
        Schema<Object> problem = new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri-reference")._default("about:blank"))
                .addProperty("title", new StringSchema().description("the status's reason phrase"))
                .addProperty(
                        "status",
                        new IntegerSchema()
                                .minimum(java.math.BigDecimal.valueOf(HttpStatus.BAD_REQUEST.value()))
                                .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", new StringSchema().description("for people, not for branching on"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", code)
                .addProperty(
                        "requestId",
                        new StringSchema()
                                .description("the id of the request's trace, as the logs have it")
                                .pattern("^[0-9a-f]{32}$"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref("FieldError"))
                                .description("VALIDATION_FAILED only: every field that breaks a rule"));
        problem.setRequired(List.of("type", "title", "status", "detail", "code"));
        return problem;
    }
}
