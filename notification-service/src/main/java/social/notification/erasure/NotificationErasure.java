package social.notification.erasure;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.auth.UserDeleted;
import social.contract.notification.NotificationsErased;
import social.notification.followgraph.FollowGraph;
import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.id.Ids;
import social.support.locks.StripedLocks;
import social.support.outbox.EventOutbox;

/**
 * A deleted account's notifications go, those it received and those it caused, and its rows in
 * the copies of the follow graph and of the block and mute lists; {@code notifications.erased} reports it: all in the inbox's
 * transaction.
 */
@Component
class NotificationErasure {
    private final JdbcClient db;
    private final ErasedUsers erased;
    private final FollowGraph followGraph;
    private final BlockListCopy blocks;
    private final EventOutbox outbox;
    private final StripedLocks recipientStripes;

    NotificationErasure(
            JdbcClient db,
            ErasedUsers erased,
            FollowGraph followGraph,
            BlockListCopy blocks,
            EventOutbox outbox,
            StripedLocks recipientStripes) {
        this.recipientStripes = recipientStripes;
        this.db = db;
        this.erased = erased;
        this.followGraph = followGraph;
        this.blocks = blocks;
        this.outbox = outbox;
    }

    void erase(UserDeleted deleted) {
        erased.erase(deleted.userId(), deleted.deletedAt());
        // an insert to the account that read no tombstone (its snapshot was older) holds the account's
        // stripe until it commits: waiting for it here makes the delete below see its rows (issue 23)
        recipientStripes.exclusive(deleted.userId());
        db.sql("DELETE FROM notification WHERE recipient_id = :user OR actor_id = :user")
                .param("user", deleted.userId())
                .update();
        followGraph.erase(deleted.userId());
        blocks.erase(deleted.userId());
        outbox.publish(new NotificationsErased(Ids.newId(), Instant.now(), 1, deleted.userId()));
    }
}
