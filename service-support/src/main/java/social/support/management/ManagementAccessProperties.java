package social.support.management;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the actuator (docs/security.md, "Management endpoints").
 *
 * @param token        the operator's token ({@code MANAGEMENT_TOKEN}, from the environment or a secret file
 *                     read as a config tree): sent as {@code Authorization: Bearer <token>}, it opens every
 *                     endpoint but health and the Prometheus scrape; unset or blank, nobody gets in (fail
 *                     closed)
 * @param allowedHosts the host names (the Host header, without the port, any case) the actuator answers
 *                     under ({@code MANAGEMENT_ALLOWED_HOSTS}): a page that rebinds its own name to the
 *                     service's address presents its own name and is refused. An address literal (IPv4,
 *                     or IPv6 in brackets) is always accepted: no one rebinds an address, and probes and
 *                     scrapers on Kubernetes ask by the pod's address
 */
@ConfigurationProperties("social.management")
public record ManagementAccessProperties(
        @DefaultValue("") String token,
        @DefaultValue({"localhost", "127.0.0.1", "[::1]"}) List<String> allowedHosts) {

    /** Whether a token is configured at all: without one, the protected endpoints refuse everyone. */
    public boolean hasToken() {
        return token != null && !token.isBlank();
    }
}
