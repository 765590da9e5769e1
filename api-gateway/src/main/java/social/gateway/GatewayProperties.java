package social.gateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize largest request body accepted (larger: 413)
 * @param rateLimit   requests allowed per caller
 * @param maxConcurrentRequests API requests in progress at once in this instance; beyond, 503
 *                    (load shedding; notification streams do not count)
 * @param bodyReadTimeout how long an API request's body may take to arrive, all of it; later: 408
 *                    and the connection closed. The body is read before the request counts
 *                    against {@code maxConcurrentRequests}, so a slow one holds no permit.
 * @param maxRequestsPerAddress requests in progress at once from one client address (an IPv6
 *                    client by its /64), counted per direct peer; beyond, 429. A trusted proxy
 *                    (TRUSTED_PROXIES) is not capped.
 */
@ConfigurationProperties("social.gateway")
public record GatewayProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("256") int maxConcurrentRequests,
        @DefaultValue("10s") Duration bodyReadTimeout,
        @DefaultValue("64") int maxRequestsPerAddress) {

    /**
     * @param invalidTokenBurst       invalid access tokens one address may present before it is
     *                                answered 429 without any signature check
     * @param invalidTokensPerMinute  how fast that allowance comes back
     */
    public record RateLimit(
            @DefaultValue("50") long requestsPerSecond,
            @DefaultValue("100") long burst,
            @DefaultValue("100") long anonymousRequestsPerSecond,
            @DefaultValue("200") long anonymousBurst,
            @DefaultValue("100000") int maxTrackedCallers,
            @DefaultValue("20") long invalidTokenBurst,
            @DefaultValue("60") long invalidTokensPerMinute) {}
}
