package social.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * A database that holds posts from before hashtags and mentions were kept (migrated up to V6, the
 * posts written as the code of then wrote them) gets their tags, mention rows and trending counts
 * from V7, read by the parser new posts go through; posts that already have theirs are left alone.
 */
@ExtendWith(RealInfrastructure.class)
class EarlierPostsBackfillIT {
    private static final String SCHEMA = "posts_backfill";

    private Connection connection;
    private JdbcTemplate jdbc;

    @BeforeEach
    void migrateToTheVersionBeforeTheBackfill() throws SQLException {
        // the schema is this run's own and new (created with its role)
        connection = TestInfrastructure.roleConnection(SCHEMA);
        jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        flyway("6").migrate();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void postsWrittenBeforeTagsWereKeptGetTheirTagsMentionsAndRecentTrendingCountsOnce() {
        UUID author = UUID.randomUUID();
        Instant anHourAgo = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        UUID recent = post(author, "Bonjour #Café and #rust, @Bob_1!", anHourAgo);
        UUID monthOld = post(author, "back then #old", anHourAgo.minus(30, ChronoUnit.DAYS));
        UUID noTags = post(author, "#123 is a number, a@b.example an address", anHourAgo);
        jdbc.update(
                "INSERT INTO post (id, author_id, content, created_at, repost_of_id) VALUES (?, ?, '', ?, ?)",
                UUID.randomUUID(),
                UUID.randomUUID(),
                Timestamp.from(anHourAgo),
                recent);
        // written by the new code: its references are there already
        UUID already = post(author, "#already kept", anHourAgo);
        jdbc.update("UPDATE post SET hashtags = '{already}' WHERE id = ?", already);
        jdbc.update("INSERT INTO post_hashtag (tag, post_id) VALUES ('already', ?)", already);
        jdbc.update(
                "INSERT INTO hashtag_author_hour (hour, tag, author_id, posts) VALUES (?, 'already', ?, 1)",
                Timestamp.from(anHourAgo.truncatedTo(ChronoUnit.HOURS)),
                author);
        // more than one batch
        jdbc.update("""
                INSERT INTO post (id, author_id, content, created_at)
                SELECT gen_random_uuid(), ?, '#bulk number ' || n, now() FROM generate_series(1, 2500) AS n""", author);

        flyway(null).migrate();

        assertThat(tagsOf(recent)).containsExactly("café", "rust");
        assertThat(tagsOf(monthOld)).containsExactly("old");
        assertThat(tagsOf(noTags)).isEmpty();
        assertThat(jdbc.queryForList(
                        "SELECT tag FROM post_hashtag WHERE post_id = ? ORDER BY tag", String.class, recent))
                .containsExactly("café", "rust");
        assertThat(jdbc.queryForList("SELECT username FROM post_mention WHERE post_id = ?", String.class, recent))
                .containsExactly("bob_1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM post_mention WHERE post_id = ?", Long.class, noTags))
                .isZero();
        assertThat(trending("café")).isEqualTo(1);
        assertThat(trending("rust")).isEqualTo(1);
        assertThat(trending("old")).as("older than every trending window").isZero();
        assertThat(trending("already")).as("counted once, when it was written").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM post_hashtag WHERE tag = 'bulk'", Long.class))
                .isEqualTo(2500);
        assertThat(trending("bulk")).isEqualTo(2500);
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

    private UUID post(UUID author, String content, Instant createdAt) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "INSERT INTO post (id, author_id, content, created_at) VALUES (?, ?, ?, ?)",
                id,
                author,
                content,
                Timestamp.from(createdAt));
        return id;
    }

    private List<String> tagsOf(UUID postId) {
        return jdbc.queryForObject(
                "SELECT hashtags FROM post WHERE id = ?",
                (rs, i) -> List.of((String[]) rs.getArray(1).getArray()),
                postId);
    }

    private long trending(String tag) {
        return jdbc.queryForObject(
                "SELECT coalesce(sum(posts), 0) FROM hashtag_author_hour WHERE tag = ?", Long.class, tag);
    }
}
