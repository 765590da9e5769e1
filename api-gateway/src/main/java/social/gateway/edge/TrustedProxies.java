package social.gateway.edge;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import social.gateway.GatewayProperties;
import social.gateway.web.Problems;

/**
 * The valves that look at a request's direct peer, in this order: {@link RequestsPerAddressValve}
 * (the cap per client, trusted proxies exempt), then {@link TrustedProxiesValve} when proxies are
 * configured. Without any, forwarded headers are plain headers (the application's own setting
 * {@code server.forward-headers-strategy: none} keeps Spring Boot from installing a valve of its
 * own that trusts every private address, as it would on Kubernetes).
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private final ProxyProperties properties;
    private final GatewayProperties gateway;
    private final Problems problems;

    TrustedProxies(ProxyProperties properties, GatewayProperties gateway, Problems problems) {
        this.properties = properties;
        this.gateway = gateway;
        this.problems = problems;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addEngineValves(
                new RequestsPerAddressValve(gateway.maxRequestsPerAddress(), properties.trusted(), problems));
        if (!properties.trusted().isEmpty()) {
            factory.addEngineValves(new TrustedProxiesValve(properties.trusted()));
        }
    }
}
