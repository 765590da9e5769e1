package social.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * A {@link WebMvcTest} slice of the gateway's HTTP layer: every controller, filter, the bearer
 * token check and the error handling as in production, plus the few components they use that a
 * web slice leaves out. The services' answers come from a mocked {@code RpcClient} (declare it with
 * {@code @MockitoBean}); nothing that connects to RabbitMQ or a database is in the slice.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = {
                            "social\\.gateway\\.GatewayProperties",
                            "social\\.gateway\\.web\\.(Problems|StrictJson)",
                            "social\\.gateway\\.openapi\\..*",
                            "social\\.gateway\\.security\\.(AccessTokenVerifier|LoggedOutLogins.*)",
                            "social\\.gateway\\.user\\.(UserDirectory|UserCacheProperties)",
                            "social\\.gateway\\.post\\.PostAssembler",
                            "social\\.gateway\\.notification\\.(NotificationStreams|MissedNotifications|NotificationProperties|StreamTickets)",
                            "social\\.gateway\\.edge\\.(ApiCors|CorsProperties)"
                        }))
public @interface GatewayWebMvcTest {}
