package social.gateway.web;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import social.gateway.security.Caller;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // the caller comes from the bearer token, not from a request parameter
        SpringDocUtils.getConfig().addAnnotationsToIgnore(Caller.class);
    }

    @Bean
    OpenAPI socialApi() {
        return new OpenAPI()
                .info(new Info().title("Social API").version("v1")
                        .description("A Twitter-like social network. Errors are RFC 9457 problem details."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }
}
