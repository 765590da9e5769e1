package social.support.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import social.support.erasure.ErasedUsers;
import social.support.testing.DatabaseRole;
import social.support.testing.TestInfrastructure;

/**
 * The shared copy of the block and mute lists against the run's real Postgres, migrated from
 * {@code classpath:db/blocks} alone: events applied in any order end in the state of the newest,
 * a redelivered event changes nothing, and the SQL conditions hide exactly the right authors.
 */
class BlockListCopyIT {
    static final String SCHEMA = "support_blocks_it";

    static JdbcClient db;
    static BlockListCopy copy;
    static ErasedUsers erased;

    @BeforeAll
    static void migrate() {
        DatabaseRole role = TestInfrastructure.databaseRole(SCHEMA);
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(TestInfrastructure.jdbcUrl(SCHEMA), role.user(), role.password());
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/blocks")
                .load()
                .migrate();
        db = JdbcClient.create(dataSource);
        // the tombstones each service's own migrations create (social.support.erasure.ErasedUsers)
        db.sql("CREATE TABLE IF NOT EXISTS erased_user (user_id uuid PRIMARY KEY, erased_at timestamptz NOT NULL)")
                .update();
        erased = new ErasedUsers(db);
        copy = new BlockListCopy(db, erased);
    }

    @Test
    void eventsAppliedOutOfOrderEndInTheNewestState() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThat(copy.unblocked(a, b, 2)).isFalse(); // the unblock overtook its block
        assertThat(copy.blocked(a, b, 1)).as("older than what is held").isFalse();
        assertThat(copy.blockedBetween(a, b)).isFalse();

        assertThat(copy.blocked(a, b, 3)).isTrue();
        assertThat(copy.blockedBetween(a, b)).isTrue();
        assertThat(copy.blockedBetween(b, a)).as("either way").isTrue();
        assertThat(copy.unblocked(a, b, 2)).isFalse();
        assertThat(copy.blockedBetween(a, b)).isTrue();
    }

    @Test
    void aRedeliveredEventChangesNothingAndReportsNoNewBlock() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();

        assertThat(copy.blocked(a, b, 1)).isTrue();
        assertThat(copy.blocked(a, b, 1)).isFalse();
        assertThat(copy.muted(a, b, 1)).isTrue();
        assertThat(copy.muted(a, b, 1)).isFalse();
        assertThat(copy.unmuted(a, b, 2)).isTrue();
        assertThat(copy.unmuted(a, b, 2)).isFalse();
        assertThat(copy.mutes(a, b)).isFalse();
        assertThat(copy.muted(a, b, 1)).as("a mute older than the unmute").isFalse();
        assertThat(copy.mutes(a, b)).isFalse();
    }

    @Test
    void theConditionsHideBlocksEitherWayAndTheViewersMutesOnly() {
        UUID viewer = UUID.randomUUID();
        UUID blockedByViewer = UUID.randomUUID();
        UUID blockingViewer = UUID.randomUUID();
        UUID mutedByViewer = UUID.randomUUID();
        UUID mutingViewer = UUID.randomUUID();
        UUID unblocked = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        copy.blocked(viewer, blockedByViewer, 1);
        copy.blocked(blockingViewer, viewer, 1);
        copy.muted(viewer, mutedByViewer, 1);
        copy.muted(mutingViewer, viewer, 1);
        copy.blocked(viewer, unblocked, 1);
        copy.unblocked(viewer, unblocked, 2);
        List<UUID> all = List.of(blockedByViewer, blockingViewer, mutedByViewer, mutingViewer, unblocked, stranger);

        assertThat(visible(BlockListCopy.visibleTo("CAST(:viewer AS uuid)", "a"), viewer, all))
                .containsExactlyInAnyOrder(mutingViewer, unblocked, stranger);
        assertThat(visible(BlockListCopy.notBlockedEitherWay("CAST(:viewer AS uuid)", "a"), viewer, all))
                .containsExactlyInAnyOrder(mutedByViewer, mutingViewer, unblocked, stranger);
        assertThat(visible(BlockListCopy.visibleTo("CAST(:viewer AS uuid)", "a"), null, all))
                .as("no viewer: everyone")
                .containsExactlyInAnyOrderElementsOf(all);
        // the viewer as the actor: whom may its notifications reach
        assertThat(visible(BlockListCopy.reachableFrom("CAST(:viewer AS uuid)", "a"), viewer, all))
                .containsExactlyInAnyOrder(mutedByViewer, unblocked, stranger);
    }

    @Test
    void blockReactionsRunOnlyWhenABlockBegins() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        AtomicInteger reactions = new AtomicInteger();
        BlockReaction reaction = (blocker, blocked) -> reactions.incrementAndGet();

        for (long version : new long[] {1, 1, 3, 2}) {
            if (copy.blocked(a, b, version)) {
                reaction.blocked(a, b);
            }
        }

        assertThat(reactions).hasValue(1);
    }

    private static List<UUID> visible(String condition, UUID viewer, List<UUID> authors) {
        return db.sql("SELECT a FROM unnest(CAST(:authors AS uuid[])) AS a WHERE " + condition)
                .param("authors", authors.toArray(UUID[]::new))
                .param("viewer", viewer)
                .query(UUID.class)
                .list();
    }

    @Test
    void anErasedAccountLeavesNoRowOnEitherSideAndALateEventAboutItWritesNone() {
        UUID gone = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        copy.blocked(gone, other, 1);
        copy.unblocked(third, gone, 2); // an inactive row names it too
        copy.muted(other, gone, 1);
        copy.muted(other, third, 1);

        erased.erase(gone, java.time.Instant.now());
        copy.erase(gone);
        boolean lateApplied = copy.blocked(third, gone, 3);

        assertThat(lateApplied).isFalse();
        assertThat(db.sql("SELECT count(*) FROM user_block WHERE blocker_id = ? OR blocked_id = ?")
                        .params(gone, gone)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(db.sql("SELECT count(*) FROM user_mute WHERE muter_id = ? OR muted_id = ?")
                        .params(gone, gone)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(copy.mutes(other, third)).as("what does not name it stays").isTrue();
    }
}
