package social.notification.notification;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import social.contract.notification.NotificationBatchCreated.Created;
import social.contract.notification.NotificationItem;
import social.contract.notification.NotificationType;
import social.support.blocks.BlockListCopy;
import social.support.id.Ids;
import social.support.locks.StripedLocks;

/** The {@code notification} table, written in batches. */
@Repository
class NotificationStore {
    /** Rows per INSERT statement of a fan-out. */
    static final int INSERT_CHUNK = 1_000;

    private static final String INSERT = """
            INSERT INTO notification (id, recipient_id, type, actor_id, post_id, created_at)
            SELECT t.id, t.recipient_id, ?, ?, ?, ?
            FROM unnest(?::uuid[], ?::uuid[]) AS t(id, recipient_id)
            WHERE t.recipient_id <> ?
              AND NOT EXISTS (SELECT 1 FROM deleted_post d WHERE d.post_id = ANY (?::uuid[]))
              AND NOT EXISTS (SELECT 1 FROM erased_user e WHERE e.user_id = t.recipient_id)
              AND %s
            ON CONFLICT DO NOTHING
            RETURNING id, recipient_id"""
            // nothing passes between users who block one another, nor to a user from one they mute
            .formatted(BlockListCopy.reachableFrom("CAST(? AS uuid)", "t.recipient_id"));

    private static final RowMapper<NotificationItem> ITEM = (rs, i) -> new NotificationItem(
            rs.getObject("id", UUID.class), NotificationType.valueOf(rs.getString("type")),
            rs.getObject("actor_id", UUID.class), rs.getObject("post_id", UUID.class),
            rs.getTimestamp("created_at").toInstant(), rs.getBoolean("read"));

    private final JdbcTemplate jdbc;
    private final StripedLocks recipientStripes;

    NotificationStore(JdbcTemplate jdbc, StripedLocks recipientStripes) {
        this.jdbc = jdbc;
        this.recipientStripes = recipientStripes;
    }

    /**
     * Holds the recipients' stripes against an erasure or a block until the transaction ends: an
     * event that creates notifications in several calls of {@link #create} holds all its recipients
     * first, in one call, so that its stripes are taken in one order (no deadlock with a block).
     */
    void holdRecipients(Collection<UUID> recipients) {
        recipientStripes.shared(recipients);
    }

    /**
     * Creates one notification per recipient, except for the actor themselves, an erased
     * recipient (a deleted account), for a post known to be deleted, or where the same (recipient, type, actor, post) exists already; answers
     * those created.
     *
     * @param postsThatMustExist none of these may be deleted (the post, and for a repost the original)
     */
    List<Created> create(
            NotificationType type,
            UUID actorId,
            UUID postId,
            Instant createdAt,
            Collection<UUID> recipients,
            Collection<UUID> postsThatMustExist) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(recipients));
        // before the first insert's snapshot: an erasure or block in flight is either waited for (and
        // its tombstone or block seen by the insert) or waits for this transaction (and removes its rows)
        holdRecipients(distinct);
        List<Created> created = new ArrayList<>(distinct.size());
        for (int from = 0; from < distinct.size(); from += INSERT_CHUNK) {
            List<UUID> chunk = distinct.subList(from, Math.min(from + INSERT_CHUNK, distinct.size()));
            UUID[] ids = new UUID[chunk.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Ids.newId();
            }
            UUID[] recipientIds = chunk.toArray(UUID[]::new);
            UUID[] mustExist = postsThatMustExist.toArray(UUID[]::new);
            created.addAll(jdbc.query(
                    (Connection connection) -> {
                        PreparedStatement statement = connection.prepareStatement(INSERT);
                        statement.setString(1, type.name());
                        statement.setObject(2, actorId);
                        statement.setObject(3, postId, Types.OTHER);
                        statement.setTimestamp(4, Timestamp.from(createdAt));
                        statement.setArray(5, uuids(connection, ids));
                        statement.setArray(6, uuids(connection, recipientIds));
                        statement.setObject(7, actorId);
                        statement.setArray(8, uuids(connection, mustExist));
                        statement.setObject(9, actorId);
                        statement.setObject(10, actorId);
                        statement.setObject(11, actorId);
                        return statement;
                    },
                    (rs, i) -> new Created(
                            rs.getObject("recipient_id", UUID.class),
                            rs.getObject("id", UUID.class),
                            type,
                            actorId,
                            postId,
                            createdAt)));
        }
        return created;
    }

    /**
     * Removes the notifications that passed between the two users, either way (a block between them
     * began): after the inserts in flight to either of them have committed (their stripes, held
     * exclusively until the block's transaction ends).
     */
    void forgetBetween(UUID one, UUID other) {
        recipientStripes.exclusive(one, other);
        jdbc.update(
                "DELETE FROM notification WHERE recipient_id = ? AND actor_id = ? OR recipient_id = ? AND actor_id = ?",
                one,
                other,
                other,
                one);
    }

    /** Serialises everything that creates or removes notifications of one post, until the transaction ends. */
    void lockPost(UUID postId) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", rs -> null, postId.toString());
    }

    /** Remembers a deleted post and removes every notification pointing at it. */
    void postDeleted(UUID postId) {
        jdbc.update("INSERT INTO deleted_post (post_id) VALUES (?) ON CONFLICT DO NOTHING", postId);
        jdbc.update("DELETE FROM notification WHERE post_id = ?", postId);
    }

    void repostUndone(UUID reposterId, UUID originalId) {
        jdbc.update(
                "DELETE FROM notification WHERE post_id = ? AND type = 'REPOST' AND actor_id = ?",
                originalId,
                reposterId);
    }

    /** Newest first, only ids below {@code before}. */
    List<NotificationItem> page(UUID recipientId, boolean unreadOnly, UUID before, int limit) {
        String sql = "SELECT id, type, actor_id, post_id, created_at, read FROM notification WHERE recipient_id = ?"
                + (unreadOnly ? " AND NOT read" : "")
                + " AND id < ? ORDER BY id DESC LIMIT ?";
        return jdbc.query(sql, ITEM, recipientId, before, limit);
    }

    long countUnread(UUID recipientId) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM notification WHERE recipient_id = ? AND NOT read", Long.class, recipientId);
        return count == null ? 0 : count;
    }

    /** False if the recipient has no such notification. */
    boolean markRead(UUID recipientId, UUID notificationId) {
        return jdbc.update(
                        "UPDATE notification SET read = true WHERE id = ? AND recipient_id = ?",
                        notificationId,
                        recipientId)
                > 0;
    }

    void markAllRead(UUID recipientId) {
        jdbc.update("UPDATE notification SET read = true WHERE recipient_id = ? AND NOT read", recipientId);
    }

    private static Array uuids(Connection connection, UUID[] values) throws SQLException {
        return connection.createArrayOf("uuid", values);
    }
}
