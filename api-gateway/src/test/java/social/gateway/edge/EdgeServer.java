package social.gateway.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.Ordered;

import social.gateway.GatewayProperties;

/**
 * The gateway's edge alone, for a real server on a random port: Tomcat with the gateway's own
 * settings (its application.yml, virtual threads as every service), its valves, and the servlet
 * filters ahead of the API (CORS, load shedding, the body limit). Behind them, a plain servlet
 * stands for the API: it answers a GET at once and a POST once it has read the whole body, as a
 * controller with a {@code @RequestBody} does. Nothing here connects to RabbitMQ. Deliberately
 * no {@code @SpringBootConfiguration}: the web slices of this package must not find it.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({TomcatServletWebServerAutoConfiguration.class, JacksonAutoConfiguration.class})
@EnableConfigurationProperties({GatewayProperties.class, ProxyProperties.class, CorsProperties.class})
@ComponentScan(
        basePackages = "social.gateway",
        useDefaultFilters = false,
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = {
                            "social\\.gateway\\.web\\.(ConcurrencyLimitFilter|BodySizeLimitFilter|Problems|TomcatErrorPages)",
                            "social\\.gateway\\.edge\\.(TrustedProxies|ApiCors|ConnectionLimits|EdgeProperties)"
                        }))
class EdgeServer {
    /** API requests that reached the servlet filters and have not been answered yet. */
    static final AtomicInteger IN_PROGRESS = new AtomicInteger();
    /** POSTs that reached the servlet filters, ever (a test resets it). */
    static final AtomicInteger POSTS_ARRIVED = new AtomicInteger();

    @Bean
    ServletRegistrationBean<HttpServlet> api() {
        return new ServletRegistrationBean<>(
                new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        answer(response, "{\"read\":0}");
                    }

                    @Override
                    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        int read = request.getInputStream().readAllBytes().length;
                        answer(response, "{\"read\":" + read + "}");
                    }
                },
                "/api/*");
    }

    /** First of all filters: counts the requests the application holds. */
    @Bean
    FilterRegistrationBean<Filter> inProgressCount() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            IN_PROGRESS.incrementAndGet();
            if (((HttpServletRequest) request).getMethod().equals("POST")) {
                POSTS_ARRIVED.incrementAndGet();
            }
            try {
                chain.doFilter(request, response);
            } finally {
                IN_PROGRESS.decrementAndGet();
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    private static void answer(HttpServletResponse response, String json) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
