package social.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import social.contract.Event;
import social.contract.auth.UserDeleted;
import social.contract.follow.UserBlocked;
import social.contract.like.LikeAdded;
import social.support.id.Ids;
import social.support.testing.EventReplay;
import social.support.testing.ServiceIntegrationTest;

/**
 * A notification whose insert is in flight when an erasure or a block removes what passed to its
 * recipient does not outlive the removal (issue 23). The interleaving is forced: a trigger the test
 * installs makes every insert of a notification take a shared advisory lock on its recipient (the
 * gate) after the row is written, so an insert to a recipient whose gate the test holds has taken its
 * snapshot, and written its row, and waits uncommitted; the erasure or block then runs (to its end,
 * or until it waits for that insert), and the test lets the insert commit.
 */
@ServiceIntegrationTest
class InFlightNotificationsIT {
    /** The gate's key space (two-key advisory locks): used by nothing but this test. */
    static final int GATE = 2323;

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void gateEveryInsertByItsRecipient() {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION test_notification_gate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock_shared(%d, hashtext(NEW.recipient_id::text));
                    RETURN NEW;
                END $$""".formatted(GATE));
        jdbc.execute("DROP TRIGGER IF EXISTS test_notification_gate ON notification");
        jdbc.execute("CREATE TRIGGER test_notification_gate AFTER INSERT ON notification"
                + " FOR EACH ROW EXECUTE FUNCTION test_notification_gate()");
    }

    @AfterEach
    void removeTheGate() {
        jdbc.execute("DROP TRIGGER IF EXISTS test_notification_gate ON notification");
        jdbc.execute("DROP FUNCTION IF EXISTS test_notification_gate()");
    }

    @Test
    void aNotificationInsertedWhileItsRecipientIsErasedDoesNotOutliveTheErasure() throws SQLException {
        UUID leaver = Ids.newId();
        UUID liker = Ids.newId();
        LikeAdded like = new LikeAdded(Ids.newId(), Instant.now(), 1, Ids.newId(), leaver, liker);
        UserDeleted deleted = new UserDeleted(Ids.newId(), Instant.now(), 1, leaver, "leaver", Instant.now());

        raceWhileAnInsertToIsInFlight(leaver, like, deleted);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM notification WHERE recipient_id = ? OR actor_id = ?",
                        Long.class,
                        leaver,
                        leaver))
                .as("notifications naming the erased account")
                .isZero();
    }

    @Test
    void aNotificationInsertedWhileABlockBetweenThePairIsAppliedDoesNotOutliveTheBlock() throws SQLException {
        UUID blocker = Ids.newId();
        UUID blocked = Ids.newId();
        LikeAdded like = new LikeAdded(Ids.newId(), Instant.now(), 1, Ids.newId(), blocker, blocked);
        UserBlocked block = new UserBlocked(Ids.newId(), Instant.now(), 1, blocker, blocked, 1L);

        raceWhileAnInsertToIsInFlight(blocker, like, block);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM notification WHERE recipient_id = ? AND actor_id = ?",
                        Long.class,
                        blocker,
                        blocked))
                .as("notifications between the blocked pair")
                .isZero();
    }

    /**
     * Delivers {@code creating}, whose insert of a notification to {@code recipient} is held after
     * its row is written; then {@code removing}, until it is applied or waits for a lock; then lets
     * the insert commit, and waits until both are applied.
     */
    private void raceWhileAnInsertToIsInFlight(UUID recipient, Event creating, Event removing) throws SQLException {
        try (Connection gate = dataSource.getConnection()) {
            gate.setAutoCommit(true);
            advisory(gate, "pg_advisory_lock", recipient);
            try {
                replay.deliver(creating);
                await("the insert waits at the gate")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> waitersAtTheGate() == 1);

                replay.deliver(removing);
                await("the removal is applied or waits for the insert")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> processed(removing) || otherLockWaiters() > 0);
            } finally {
                advisory(gate, "pg_advisory_unlock", recipient);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> processed(creating) && processed(removing));
        await().atMost(Duration.ofSeconds(10)).until(() -> waitersAtTheGate() == 0 && otherLockWaiters() == 0);
    }

    private static void advisory(Connection connection, String function, UUID recipient) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + function + "(" + GATE + ", hashtext(?))")) {
            statement.setString(1, recipient.toString());
            statement.executeQuery().close();
        }
    }

    private long waitersAtTheGate() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname ="
                        + " current_database()) AND locktype = 'advisory' AND classid = ? AND objsubid = 2"
                        + " AND NOT granted",
                Long.class,
                GATE);
    }

    private long otherLockWaiters() {
        return jdbc.queryForObject(
                "SELECT count(*) FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname ="
                        + " current_database()) AND NOT granted AND NOT (locktype = 'advisory'"
                        + " AND classid = ? AND objsubid = 2)",
                Long.class,
                GATE);
    }

    private boolean processed(Event event) {
        return jdbc.queryForObject(
                        "SELECT count(*) FROM processed_event WHERE event_id = ?", Long.class, event.eventId())
                > 0;
    }
}
