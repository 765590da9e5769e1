package social.gateway.edge;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Installs {@link TrustedProxiesValve} when proxies are configured; without any, nothing is
 * installed and forwarded headers are plain headers (the application's own setting
 * {@code server.forward-headers-strategy: none} keeps Spring Boot from installing a valve of its
 * own that trusts every private address, as it would on Kubernetes).
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
    private final ProxyProperties properties;

    TrustedProxies(ProxyProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!properties.trusted().isEmpty()) {
            factory.addEngineValves(new TrustedProxiesValve(properties.trusted()));
        }
    }
}
