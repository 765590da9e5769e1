package social.followers.follow;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import social.contract.Acknowledged;
import social.contract.ErrorCode;
import social.contract.follow.FollowNotifyChanged;
import social.contract.follow.FollowPage;
import social.contract.follow.FollowUserRequest;
import social.contract.follow.GetFollowersRequest;
import social.contract.follow.GetFollowingRequest;
import social.contract.follow.GetRelationshipRequest;
import social.contract.follow.Relationship;
import social.contract.follow.SetFollowNotifyRequest;
import social.contract.follow.UnfollowUserRequest;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.support.erasure.ErasedUsers;
import social.support.error.ServiceException;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;
import social.support.paging.PageLimit;
import social.support.paging.TimeCursor;

/**
 * The follow graph. Every change happens only when the state really changes, and then its event
 * goes out through the outbox in the same transaction, carrying the pair's next version (see
 * {@link #nextPairVersion}); a repeated request changes nothing and publishes nothing. Whether the
 * users exist is the gateway's question to user-service.
 */
@Service
class Follows {
    static final int EVENT_VERSION = 1;
    private static final String BLOCKS = "SELECT EXISTS (SELECT 1 FROM block WHERE blocker_id = ? AND blocked_id = ?)";

    private final JdbcClient db;
    private final EventOutbox outbox;
    private final FollowLimits limits;
    private final ErasedUsers erased;

    Follows(JdbcClient db, EventOutbox outbox, FollowLimits limits, ErasedUsers erased) {
        this.db = db;
        this.outbox = outbox;
        this.limits = limits;
        this.erased = erased;
    }

    @Transactional
    public Relationship follow(FollowUserRequest request) {
        UUID follower = request.callerId();
        UUID followee = request.followeeId();
        if (follower.equals(followee)) {
            throw ServiceException.invalid("id", "you cannot follow yourself");
        }
        boolean notify = Boolean.TRUE.equals(request.notifyEnabled());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        lockPair(follower, followee);
        // a follow racing with the erasure of either account: refused, as for an unknown user
        if (!erased.isLive(follower, followee)) {
            throw ServiceException.notFound("no such user");
        }
        if (blockedBetween(follower, followee)) {
            throw ServiceException.blocked("you cannot follow this user");
        }
        requireRoomToFollow(follower, followee);
        int inserted = db.sql("""
                        INSERT INTO follow (follower_id, followee_id, notify, created_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (follower_id, followee_id) DO NOTHING""")
                .params(follower, followee, notify, Timestamp.from(now))
                .update();
        if (inserted == 1) {
            outbox.publish(new UserFollowed(
                    Ids.newId(), now, EVENT_VERSION, follower, followee, notify, nextPairVersion(follower, followee)));
        } else if (request.notifyEnabled() != null) {
            changeNotify(follower, followee, notify);
        }
        return relationship(follower, followee);
    }

    @Transactional
    public Acknowledged unfollow(UnfollowUserRequest request) {
        endFollow(request.callerId(), request.followeeId());
        return Acknowledged.INSTANCE;
    }

    /** Ends the follow if there is one, with its event; in the caller's transaction. */
    void endFollow(UUID follower, UUID followee) {
        int deleted = db.sql("DELETE FROM follow WHERE follower_id = ? AND followee_id = ?")
                .params(follower, followee)
                .update();
        if (deleted == 1) {
            outbox.publish(new UserUnfollowed(
                    Ids.newId(),
                    Instant.now(),
                    EVENT_VERSION,
                    follower,
                    followee,
                    nextPairVersion(follower, followee)));
        }
    }

    /**
     * Serializes the follows and blocks of one pair of users (either way round) until the
     * transaction ends: a follow checks for a block and a block ends the follows, so neither may
     * run beside the other.
     */
    void lockPair(UUID one, UUID other) {
        String pair = one.compareTo(other) < 0 ? one + ":" + other : other + ":" + one;
        db.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("pair:" + pair)
                .query()
                .singleRow();
    }

    private boolean blockedBetween(UUID one, UUID other) {
        return exists(BLOCKS, one, other) || exists(BLOCKS, other, one);
    }

    private boolean exists(String sql, UUID one, UUID other) {
        return db.sql(sql).params(one, other).query(Boolean.class).single();
    }

    @Transactional
    public Relationship setNotify(SetFollowNotifyRequest request) {
        if (notifyOf(request.callerId(), request.followeeId()).isEmpty()) {
            throw ServiceException.notFound("you do not follow this user");
        }
        changeNotify(request.callerId(), request.followeeId(), request.enabled());
        return relationship(request.callerId(), request.followeeId());
    }

    @Transactional(readOnly = true)
    public Relationship relationship(GetRelationshipRequest request) {
        return relationship(request.callerId(), request.userId());
    }

    @Transactional(readOnly = true)
    public FollowPage followers(GetFollowersRequest request) {
        return page("""
                SELECT follower_id AS user_id, created_at FROM follow
                WHERE followee_id = :user AND (created_at, follower_id) < (:after, :afterId)
                ORDER BY created_at DESC, follower_id DESC LIMIT :limit""", request.userId(), request.limit(), request.cursor());
    }

    @Transactional(readOnly = true)
    public FollowPage following(GetFollowingRequest request) {
        return page("""
                SELECT followee_id AS user_id, created_at FROM follow
                WHERE follower_id = :user AND (created_at, followee_id) < (:after, :afterId)
                ORDER BY created_at DESC, followee_id DESC LIMIT :limit""", request.userId(), request.limit(), request.cursor());
    }

    private FollowPage page(String sql, UUID user, int requestedLimit, String cursor) {
        int limit = PageLimit.clamp(requestedLimit);
        return TimeCursor.page(db.sql(sql).param("user", user), cursor, limit, FollowPage::new);
    }

    /**
     * Refuses a new follow beyond the cap with 409: the request is well-formed, it conflicts with
     * the follows the caller already has (and succeeds once they unfollow someone). The
     * follower's follows are counted under a transaction-scoped lock on the follower, so
     * concurrent follows cannot together pass the cap.
     */
    private void requireRoomToFollow(UUID follower, UUID followee) {
        db.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("follow:" + follower)
                .query()
                .singleRow();
        if (notifyOf(follower, followee).isPresent()) {
            return; // already following: idempotent, never refused
        }
        long following = db.sql("SELECT count(*) FROM follow WHERE follower_id = ?")
                .param(follower)
                .query(Long.class)
                .single();
        if (following >= limits.maxFollowing()) {
            throw new ServiceException(
                    ErrorCode.FOLLOW_LIMIT_REACHED,
                    "you follow " + limits.maxFollowing() + " users, the most allowed; unfollow someone first");
        }
    }

    private void changeNotify(UUID follower, UUID followee, boolean enabled) {
        int changed = db.sql("UPDATE follow SET notify = ? WHERE follower_id = ? AND followee_id = ? AND notify <> ?")
                .params(enabled, follower, followee, enabled)
                .update();
        if (changed == 1) {
            outbox.publish(new FollowNotifyChanged(
                    Ids.newId(),
                    Instant.now(),
                    EVENT_VERSION,
                    follower,
                    followee,
                    enabled,
                    nextPairVersion(follower, followee)));
        }
    }

    /**
     * Counts one more change of the pair and returns its number: 1 for the pair's first change,
     * continuing after an unfollow. Called in the transaction of the change, after it: the row lock
     * of the upsert orders concurrent changes of a pair and their numbers alike, and no clock is
     * involved.
     */
    private long nextPairVersion(UUID follower, UUID followee) {
        return db.sql("""
                        INSERT INTO follow_pair_version (follower_id, followee_id, version) VALUES (?, ?, 1)
                        ON CONFLICT (follower_id, followee_id) DO UPDATE SET version = follow_pair_version.version + 1
                        RETURNING version""").params(follower, followee).query(Long.class).single();
    }

    private Optional<Boolean> notifyOf(UUID follower, UUID followee) {
        return db.sql("SELECT notify FROM follow WHERE follower_id = ? AND followee_id = ?")
                .params(follower, followee)
                .query(Boolean.class)
                .optional();
    }

    Relationship relationship(UUID caller, UUID other) {
        Optional<Boolean> notify = notifyOf(caller, other);
        boolean followedBy = notifyOf(other, caller).isPresent();
        return new Relationship(
                notify.isPresent(),
                followedBy,
                notify.orElse(false),
                exists(BLOCKS, caller, other),
                exists(BLOCKS, other, caller),
                exists("SELECT EXISTS (SELECT 1 FROM mute WHERE muter_id = ? AND muted_id = ?)", caller, other));
    }
}
