package social.user.erasure;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.auth.UserDeleted;
import social.contract.user.ProfileErased;
import social.support.erasure.ErasedUsers;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;

/**
 * A deleted account's profile and its pending counters go, a tombstone stays, and
 * {@code profile.erased} reports it: all in the inbox's transaction. The counters of others follow
 * from the {@code user.unfollowed} that followers-service publishes for each follow it removes.
 */
@Component
class ProfileErasure {
    private static final int EVENT_VERSION = 1;

    private final JdbcClient db;
    private final ErasedUsers erased;
    private final EventOutbox outbox;

    ProfileErasure(JdbcClient db, ErasedUsers erased, EventOutbox outbox) {
        this.db = db;
        this.erased = erased;
        this.outbox = outbox;
    }

    void erase(UserDeleted deleted) {
        erased.erase(deleted.userId(), deleted.deletedAt());
        db.sql("DELETE FROM profile WHERE id = ?").params(deleted.userId()).update();
        db.sql("DELETE FROM pending_counter WHERE user_id = ?")
                .params(deleted.userId())
                .update();
        outbox.publish(new ProfileErased(Ids.newId(), Instant.now(), EVENT_VERSION, deleted.userId()));
    }
}
