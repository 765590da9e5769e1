package social.contract;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The logical type id a message travels under (the AMQP {@code type} property).
 * For requests it is also the routing key of the operation, for events the routing
 * key on {@code social.events}; so no Java class name ever reaches the wire.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageType {
    String value();
}
