package social.support.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A wall-clock assertion: how fast, not what. Left out of {@code ./mvnw verify} (a busy machine
 * must not fail the build) and run with the Maven profile {@code bench}:
 * {@code ./mvnw -Pbench verify -Dgroups=performance} (see benchmarks/README.md).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(Performance.TAG)
public @interface Performance {
    /** The JUnit tag, as the root pom's surefire and failsafe configuration names it. */
    String TAG = "performance";
}
