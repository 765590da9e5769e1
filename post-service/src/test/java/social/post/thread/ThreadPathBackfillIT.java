package social.post.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import social.support.testing.RealInfrastructure;
import social.support.testing.TestInfrastructure;

/**
 * Replies written before threads were kept (a database migrated up to V10) get their thread paths
 * from V11: the root first, the parent last, the root and the 39 nearest for a deeper chain; a
 * reply whose parent was already deleted starts its path at that parent.
 */
@ExtendWith(RealInfrastructure.class)
class ThreadPathBackfillIT {
    private static final String SCHEMA = "posts_threads";

    private Connection connection;
    private JdbcTemplate jdbc;

    @BeforeEach
    void migrateToTheVersionBeforeThreads() throws SQLException {
        connection = TestInfrastructure.roleConnection(SCHEMA);
        jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        flyway("10").migrate();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void repliesWrittenBeforeGetTheirThreadPaths() {
        List<UUID> chain = new ArrayList<>();
        chain.add(post(null));
        for (int depth = 1; depth <= 45; depth++) {
            chain.add(post(chain.get(depth - 1)));
        }
        UUID sibling = post(chain.get(0));
        UUID gone = UUID.randomUUID();
        UUID orphan = post(gone);
        UUID orphansReply = post(orphan);

        flyway(null).migrate();

        assertThat(pathOf(chain.get(0))).isNull();
        assertThat(pathOf(chain.get(1))).containsExactly(chain.get(0));
        assertThat(pathOf(chain.get(3))).containsExactlyElementsOf(chain.subList(0, 3));
        assertThat(pathOf(chain.get(40))).containsExactlyElementsOf(chain.subList(0, 40));
        List<UUID> deep = new ArrayList<>(List.of(chain.get(0)));
        deep.addAll(chain.subList(6, 45));
        assertThat(pathOf(chain.get(45))).containsExactlyElementsOf(deep);
        assertThat(pathOf(sibling)).containsExactly(chain.get(0));
        assertThat(pathOf(orphan)).containsExactly(gone);
        assertThat(pathOf(orphansReply)).containsExactly(gone, orphan);
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure()
                .dataSource(new SingleConnectionDataSource(connection, true))
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/messaging", "classpath:db/migration/posts");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    /** A post as the code before V11 wrote it: without a thread path. */
    private UUID post(UUID replyToId) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO post (id, author_id, content, created_at, reply_to_id) VALUES (?, ?, 'text', ?, ?)",
                id,
                UUID.randomUUID(),
                Timestamp.from(Instant.now()),
                replyToId);
        return id;
    }

    private List<UUID> pathOf(UUID postId) {
        return jdbc.queryForObject(
                "SELECT thread_path FROM post WHERE id = ?",
                (rs, i) -> rs.getArray(1) == null
                        ? null
                        : List.of((UUID[]) rs.getArray(1).getArray()),
                postId);
    }
}
