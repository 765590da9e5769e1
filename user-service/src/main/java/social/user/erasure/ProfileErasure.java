package social.user.erasure;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.auth.UserDeleted;
import social.contract.user.ProfileErased;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.user.counters.ProfileCounters;

/**
 * A deleted account's profile and its pending counters go, a tombstone stays, and
 * {@code profile.erased} reports it: all in the inbox's transaction. The counters of others follow
 * from the {@code user.unfollowed} that followers-service publishes for each follow it removes.
 */
@Component
class ProfileErasure {
    private static final int EVENT_VERSION = 1;

    private final JdbcClient db;
    private final ProfileCounters counters;
    private final EventOutbox outbox;

    ProfileErasure(JdbcClient db, ProfileCounters counters, EventOutbox outbox) {
        this.db = db;
        this.counters = counters;
        this.outbox = outbox;
    }

    void erase(UserDeleted deleted) {
        counters.erase(deleted.userId(), deleted.deletedAt());
        db.sql("DELETE FROM profile WHERE id = ?").params(deleted.userId()).update();
        outbox.publish(new ProfileErased(Ids.newId(), Instant.now(), EVENT_VERSION, deleted.userId()));
    }
}
