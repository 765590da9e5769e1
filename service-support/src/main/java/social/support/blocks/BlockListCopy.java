package social.support.blocks;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.follow.UserBlocked;
import social.contract.follow.UserMuted;
import social.contract.follow.UserUnblocked;
import social.contract.follow.UserUnmuted;
import social.support.erasure.ErasedUsers;
import social.support.events.EventSubscription;
import social.support.messaging.Topology;

/**
 * A service's own copy of the block and mute lists (tables {@code user_block}, {@code user_mute}
 * of migration location {@code classpath:db/blocks}), fed by followers-service's events, so that
 * refusing an action between two users who block each other, and leaving the hidden authors out of
 * a page, needs no question to another service. An event is applied only if its pair version is
 * above the one held for the pair: events may arrive in any order, and a redelivered one changes
 * nothing. Services that use it add {@code classpath:db/blocks} to {@code spring.flyway.locations}
 * and declare {@link #subscription}.
 */
public final class BlockListCopy {
    private final JdbcClient db;
    private final ErasedUsers erased;

    public BlockListCopy(JdbcClient db, ErasedUsers erased) {
        this.db = db;
        this.erased = erased;
    }

    /**
     * Forgets every block and mute naming a deleted account, either side: called by the service's
     * erasure of the account, in its transaction (after {@link ErasedUsers#erase}), so that an
     * event about the account applied later finds it erased and writes nothing (see {@link #apply}).
     */
    public void erase(UUID user) {
        db.sql("DELETE FROM user_block WHERE blocker_id = :user OR blocked_id = :user")
                .param("user", user)
                .update();
        db.sql("DELETE FROM user_mute WHERE muter_id = :user OR muted_id = :user")
                .param("user", user)
                .update();
    }

    /**
     * The durable subscription ({@code blocks}) that keeps this copy current; each {@code reaction}
     * runs in the same transaction when a block is newly applied (a service that must forget what
     * passed between the two, say).
     */
    public static EventSubscription subscription(Topology topology, BlockListCopy copy, BlockReaction... reactions) {
        return EventSubscription.forConcern("blocks", topology)
                .on(UserBlocked.class, event -> {
                    if (copy.blocked(event.blockerId(), event.blockedId(), event.pairVersion())) {
                        for (BlockReaction reaction : reactions) {
                            reaction.blocked(event.blockerId(), event.blockedId());
                        }
                    }
                })
                .on(
                        UserUnblocked.class,
                        event -> copy.unblocked(event.blockerId(), event.blockedId(), event.pairVersion()))
                .on(UserMuted.class, event -> copy.muted(event.muterId(), event.mutedId(), event.pairVersion()))
                .on(UserUnmuted.class, event -> copy.unmuted(event.muterId(), event.mutedId(), event.pairVersion()))
                .build();
    }

    /** @return true if the block is now held and was not before (by an older or no event) */
    public boolean blocked(UUID blocker, UUID blocked, long pairVersion) {
        return apply("user_block", "blocker_id", "blocked_id", blocker, blocked, true, pairVersion);
    }

    public boolean unblocked(UUID blocker, UUID blocked, long pairVersion) {
        return apply("user_block", "blocker_id", "blocked_id", blocker, blocked, false, pairVersion);
    }

    public boolean muted(UUID muter, UUID muted, long pairVersion) {
        return apply("user_mute", "muter_id", "muted_id", muter, muted, true, pairVersion);
    }

    public boolean unmuted(UUID muter, UUID muted, long pairVersion) {
        return apply("user_mute", "muter_id", "muted_id", muter, muted, false, pairVersion);
    }

    /** Whether either of the two blocks the other. */
    public boolean blockedBetween(UUID one, UUID other) {
        return db.sql("""
                        SELECT EXISTS (SELECT 1 FROM user_block WHERE blocker_id = ? AND blocked_id = ? AND active)
                            OR EXISTS (SELECT 1 FROM user_block WHERE blocker_id = ? AND blocked_id = ? AND active)""").params(one, other, other, one).query(Boolean.class).single();
    }

    /** Whether {@code viewer} mutes {@code author}. */
    public boolean mutes(UUID viewer, UUID author) {
        return db.sql("SELECT EXISTS (SELECT 1 FROM user_mute WHERE muter_id = ? AND muted_id = ? AND active)")
                .params(viewer, author)
                .query(Boolean.class)
                .single();
    }

    /*
     * The conditions below test a column against the fixed side's lists with NOT IN (subquery),
     * which Postgres runs as a hashed subplan: each list is read once per query off its index
     * (bounded by that user's list), then every candidate row costs a hash probe. Unlike NOT
     * EXISTS, the form leaves the planner no choice to get wrong: a generic plan of a prepared
     * statement (the planner then thinks a user has one block) once walked the viewer's whole
     * list for every candidate row. The columns are NOT NULL, so NOT IN means what it says.
     */

    /**
     * A SQL condition, true when the author in column {@code authorColumn} is visible to the viewer
     * given by {@code viewer} (a parameter such as {@code CAST(:viewer AS uuid)}; null: no viewer,
     * everyone visible): neither blocks the other and the viewer does not mute the author.
     */
    public static String visibleTo(String viewer, String authorColumn) {
        return notBlockedEitherWay(viewer, authorColumn) + " AND " + authorColumn
                + " NOT IN (SELECT hm.muted_id FROM user_mute hm WHERE hm.muter_id = " + viewer + " AND hm.active)";
    }

    /** Like {@link #visibleTo} for blocks only (either way): for what a mute leaves visible. */
    public static String notBlockedEitherWay(String viewer, String authorColumn) {
        return authorColumn + " NOT IN (SELECT hb.blocked_id FROM user_block hb WHERE hb.blocker_id = " + viewer
                + " AND hb.active) AND " + authorColumn
                + " NOT IN (SELECT hbb.blocker_id FROM user_block hbb WHERE hbb.blocked_id = " + viewer
                + " AND hbb.active)";
    }

    /**
     * A SQL condition, true when the user in column {@code recipientColumn} may hear of what the
     * actor given by {@code actor} did: neither blocks the other and the recipient does not mute
     * the actor.
     */
    public static String reachableFrom(String actor, String recipientColumn) {
        return recipientColumn + " NOT IN (SELECT rb.blocked_id FROM user_block rb WHERE rb.blocker_id = " + actor
                + " AND rb.active) AND " + recipientColumn
                + " NOT IN (SELECT rbb.blocker_id FROM user_block rbb WHERE rbb.blocked_id = " + actor
                + " AND rbb.active) AND " + recipientColumn
                + " NOT IN (SELECT rm.muter_id FROM user_mute rm WHERE rm.muted_id = " + actor + " AND rm.active)";
    }

    private boolean apply(
            String table, String from, String to, UUID fromId, UUID toId, boolean active, long pairVersion) {
        if (!erased.isLive(fromId, toId)) {
            return false; // an event still in flight about an erased account: nothing of it is kept
        }
        Boolean was = db.sql("SELECT active FROM %s WHERE %s = ? AND %s = ? FOR UPDATE".formatted(table, from, to))
                .params(fromId, toId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        int applied = db.sql("""
                        INSERT INTO %1$s (%2$s, %3$s, active, version) VALUES (?, ?, ?, ?)
                        ON CONFLICT (%2$s, %3$s) DO UPDATE SET active = excluded.active, version = excluded.version
                        WHERE %1$s.version < excluded.version""".formatted(table, from, to))
                .params(fromId, toId, active, pairVersion)
                .update();
        return applied == 1 && was != active;
    }
}
