package social.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-origin access to the API from browsers (docs/API.md, "CORS").
 *
 * @param allowedOrigins the exact origins ({@code https://app.example}) whose pages may call the API
 *                       (CORS_ALLOWED_ORIGINS, comma-separated); none by default: same origin only
 * @param maxAge         how long a browser may keep a preflight's answer
 */
@ConfigurationProperties("social.gateway.cors")
public record CorsProperties(
        @DefaultValue List<String> allowedOrigins,
        @DefaultValue("1h") Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins.stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
        for (String origin : allowedOrigins) {
            if (origin.equals("*") || origin.endsWith("/") || !origin.matches("https?://[^/\\s]+")) {
                throw new IllegalArgumentException("social.gateway.cors.allowed-origins (CORS_ALLOWED_ORIGINS): '"
                        + origin + "' is not an exact origin such as https://app.example");
            }
        }
    }
}
