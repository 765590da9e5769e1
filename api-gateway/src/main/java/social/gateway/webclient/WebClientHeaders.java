package social.gateway.webclient;

/**
 * The headers of shared/API.md "The web client" that every answer carries (set by the security
 * filter chain, so that an error page has them too).
 */
public final class WebClientHeaders {
    /**
     * Scripts, styles and connections only from this origin (no inline script, no eval), images
     * also as data: URLs (Swagger UI's icons), nothing may frame a page.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private WebClientHeaders() {}
}
