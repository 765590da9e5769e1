package social.gateway.webclient;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

import social.gateway.web.RequestPaths;

/**
 * Serves the web client (the web-client module's build, in {@code classpath:/static/}) from the
 * API's origin: hashed assets cached for a year, and {@code index.html} - revalidated on every
 * visit - for every path that is a route of the client ({@code /@alice}, {@code /posts/{id}},
 * ...). Paths of the API, the actuator and the API docs, and missing files, stay 404 problems.
 * Spring Boot's own static mapping is off ({@code spring.web.resources.add-mappings}).
 */
@Configuration(proxyBeanMethods = false)
class WebClientResources implements WebMvcConfigurer {
    private static final String LOCATION = "classpath:/static/";
    /** Paths that are never a client route, whatever is missing under them. */
    private static final List<String> SERVER_PREFIXES = List.of("/api", "/actuator", "/v3", "/swagger-ui", "/assets");

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        // file names carry a hash of their content: a changed file is a new name
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        // no resource cache: it would keep an entry per client route asked for
        registry.addResourceHandler("/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(false)
                .addResolver(new ClientRouteResolver());
    }

    /** A file that exists, else {@code index.html} for a client route. */
    static final class ClientRouteResolver extends PathResourceResolver {
        @Override
        protected Resource resolveResourceInternal(
                HttpServletRequest request,
                String requestPath,
                List<? extends Resource> locations,
                ResourceResolverChain chain) {
            Resource file = super.resolveResourceInternal(request, requestPath, locations, chain);
            if (file != null || request == null || !isClientRoute(RequestPaths.canonical(request))) {
                return file;
            }
            return super.resolveResourceInternal(request, "index.html", locations, chain);
        }
    }

    /** Whether a (canonical) path is one the client routes: not the server's, and not a file name. */
    static boolean isClientRoute(String path) {
        for (String prefix : SERVER_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
