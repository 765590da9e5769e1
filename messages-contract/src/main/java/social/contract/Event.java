package social.contract;

import java.time.Instant;
import java.util.UUID;

/** Something that happened. Consumers apply each {@link #eventId()} at most once. */
public interface Event {
    UUID eventId();

    Instant occurredAt();

    /** Schema version of the record, bumped on incompatible change. */
    int version();
}
