package social.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The authenticated caller, as a handler parameter of type {@link AuthenticatedUser}. Required
 * by default (401 without a valid token); {@code required = false} gives null to anonymous
 * callers, for endpoints that only personalise their answer.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Caller {
    boolean required() default true;
}
