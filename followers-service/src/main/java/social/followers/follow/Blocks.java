package social.followers.follow;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import social.contract.follow.BlockUserRequest;
import social.contract.follow.FollowPage;
import social.contract.follow.GetBlocksRequest;
import social.contract.follow.GetMutesRequest;
import social.contract.follow.MuteUserRequest;
import social.contract.follow.Relationship;
import social.contract.follow.UnblockUserRequest;
import social.contract.follow.UnmuteUserRequest;
import social.contract.follow.UserBlocked;
import social.contract.follow.UserMuted;
import social.contract.follow.UserUnblocked;
import social.contract.follow.UserUnmuted;
import social.support.erasure.ErasedUsers;
import social.support.error.ServiceException;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.support.paging.PageLimit;
import social.support.paging.TimeCursor;

/**
 * The block and mute lists. A block ends the follows between the two users, both ways, in its own
 * transaction (each with its {@code UserUnfollowed}, so that every copy of the graph and the
 * profile counters follow); a block and a follow of the same pair are serialized by a lock on the
 * pair, so no follow slips in beside a block. Like follows, a change publishes its event only when
 * the state really changes, with the pair's next version of its kind.
 */
@Service
class Blocks {
    private final JdbcClient db;
    private final EventOutbox outbox;
    private final Follows follows;
    private final ErasedUsers erased;

    Blocks(JdbcClient db, EventOutbox outbox, Follows follows, ErasedUsers erased) {
        this.db = db;
        this.outbox = outbox;
        this.follows = follows;
        this.erased = erased;
    }

    /** A block or mute racing with the erasure of either account: refused, as for an unknown user. */
    private void requireLive(UUID one, UUID other) {
        if (!erased.isLive(one, other)) {
            throw ServiceException.notFound("no such user");
        }
    }

    @Transactional
    public Relationship block(BlockUserRequest request) {
        UUID blocker = request.callerId();
        UUID blocked = request.userId();
        if (blocker.equals(blocked)) {
            throw ServiceException.invalid("id", "you cannot block yourself");
        }
        follows.lockPair(blocker, blocked);
        requireLive(blocker, blocked);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int inserted = db.sql("""
                        INSERT INTO block (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)
                        ON CONFLICT (blocker_id, blocked_id) DO NOTHING""").params(blocker, blocked, Timestamp.from(now)).update();
        if (inserted == 1) {
            follows.endFollow(blocker, blocked);
            follows.endFollow(blocked, blocker);
            outbox.publish(new UserBlocked(
                    Ids.newId(),
                    now,
                    Follows.EVENT_VERSION,
                    blocker,
                    blocked,
                    nextPairVersion("block_pair_version", "blocker_id", "blocked_id", blocker, blocked)));
        }
        return follows.relationship(blocker, blocked);
    }

    @Transactional
    public Relationship unblock(UnblockUserRequest request) {
        UUID blocker = request.callerId();
        UUID blocked = request.userId();
        follows.lockPair(blocker, blocked);
        int deleted = db.sql("DELETE FROM block WHERE blocker_id = ? AND blocked_id = ?")
                .params(blocker, blocked)
                .update();
        if (deleted == 1) {
            outbox.publish(new UserUnblocked(
                    Ids.newId(),
                    Instant.now(),
                    Follows.EVENT_VERSION,
                    blocker,
                    blocked,
                    nextPairVersion("block_pair_version", "blocker_id", "blocked_id", blocker, blocked)));
        }
        return follows.relationship(blocker, blocked);
    }

    @Transactional
    public Relationship mute(MuteUserRequest request) {
        UUID muter = request.callerId();
        UUID muted = request.userId();
        if (muter.equals(muted)) {
            throw ServiceException.invalid("id", "you cannot mute yourself");
        }
        requireLive(muter, muted);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        int inserted = db.sql("""
                        INSERT INTO mute (muter_id, muted_id, created_at) VALUES (?, ?, ?)
                        ON CONFLICT (muter_id, muted_id) DO NOTHING""").params(muter, muted, Timestamp.from(now)).update();
        if (inserted == 1) {
            outbox.publish(new UserMuted(
                    Ids.newId(),
                    now,
                    Follows.EVENT_VERSION,
                    muter,
                    muted,
                    nextPairVersion("mute_pair_version", "muter_id", "muted_id", muter, muted)));
        }
        return follows.relationship(muter, muted);
    }

    @Transactional
    public Relationship unmute(UnmuteUserRequest request) {
        UUID muter = request.callerId();
        UUID muted = request.userId();
        int deleted = db.sql("DELETE FROM mute WHERE muter_id = ? AND muted_id = ?")
                .params(muter, muted)
                .update();
        if (deleted == 1) {
            outbox.publish(new UserUnmuted(
                    Ids.newId(),
                    Instant.now(),
                    Follows.EVENT_VERSION,
                    muter,
                    muted,
                    nextPairVersion("mute_pair_version", "muter_id", "muted_id", muter, muted)));
        }
        return follows.relationship(muter, muted);
    }

    @Transactional(readOnly = true)
    public FollowPage blocks(GetBlocksRequest request) {
        return TimeCursor.page(
                db.sql("""
                                SELECT blocked_id AS user_id, created_at FROM block
                                WHERE blocker_id = :user AND (created_at, blocked_id) < (:after, :afterId)
                                ORDER BY created_at DESC, blocked_id DESC LIMIT :limit""").param("user", request.callerId()),
                request.cursor(),
                PageLimit.clamp(request.limit()),
                FollowPage::new);
    }

    @Transactional(readOnly = true)
    public FollowPage mutes(GetMutesRequest request) {
        return TimeCursor.page(
                db.sql("""
                                SELECT muted_id AS user_id, created_at FROM mute
                                WHERE muter_id = :user AND (created_at, muted_id) < (:after, :afterId)
                                ORDER BY created_at DESC, muted_id DESC LIMIT :limit""").param("user", request.callerId()),
                request.cursor(),
                PageLimit.clamp(request.limit()),
                FollowPage::new);
    }

    private long nextPairVersion(String table, String from, String to, UUID fromId, UUID toId) {
        return db.sql("""
                        INSERT INTO %1$s (%2$s, %3$s, version) VALUES (?, ?, 1)
                        ON CONFLICT (%2$s, %3$s) DO UPDATE SET version = %1$s.version + 1
                        RETURNING version""".formatted(table, from, to))
                .params(fromId, toId)
                .query(Long.class)
                .single();
    }
}
