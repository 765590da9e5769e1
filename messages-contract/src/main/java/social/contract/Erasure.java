package social.contract;

import java.util.UUID;

/**
 * A service finished erasing what it held of a deleted account (the answer of each service to
 * {@code user.deleted}); auth-service counts them and frees the username and email once every
 * service has answered.
 */
public interface Erasure extends Event {
    UUID userId();
}
