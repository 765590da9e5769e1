package social.gateway.edge;

import java.util.List;

import org.apache.catalina.util.NetMask;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reverse proxies in front of the gateway (docs/API.md, "Client address behind a proxy").
 *
 * @param trusted the proxies' addresses as CIDRs ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare
 *                address counts as one host), from TRUSTED_PROXIES, comma-separated. Only a request
 *                whose direct peer is one of them has its {@code X-Forwarded-For} / {@code Forwarded}
 *                honoured. None by default: the peer is the client.
 */
@ConfigurationProperties("social.gateway.proxies")
public record ProxyProperties(@DefaultValue List<String> trusted) {

    public ProxyProperties {
        trusted = trusted.stream()
                .map(String::strip)
                .filter(cidr -> !cidr.isEmpty())
                .map(cidr -> cidr.contains("/") ? cidr : cidr + (cidr.contains(":") ? "/128" : "/32"))
                .toList();
        for (String cidr : trusted) {
            try {
                new NetMask(cidr);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "social.gateway.proxies.trusted (TRUSTED_PROXIES): '" + cidr + "' is not a CIDR", e);
            }
        }
    }
}
