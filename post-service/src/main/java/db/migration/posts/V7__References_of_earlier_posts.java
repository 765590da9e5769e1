package db.migration.posts;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import social.post.text.PostText;

/**
 * Posts written before hashtags and mentions were kept (V3, V4) get them once, read by the same
 * parser as every new post: their tags (on the row and in {@code post_hashtag}), their mention
 * rows, and, for those of the trending window, their trending counts. Java, not SQL, so that an
 * old post's tags are exactly what the parser would find in a new one.
 */
public class V7__References_of_earlier_posts extends BaseJavaMigration {
    private static final int BATCH = 1_000;
    /** The longest trending window and the hour it starts in; older counts would be purged at once. */
    private static final Duration TRENDING_KEPT = Duration.ofDays(7).plusHours(1);

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        Instant trendingSince = Instant.now().minus(TRENDING_KEPT);
        try (PreparedStatement candidates = connection.prepareStatement("""
                        SELECT id, author_id, created_at, content FROM post
                        WHERE id > ? AND repost_of_id IS NULL AND hashtags = '{}'
                          AND (strpos(content, '#') > 0 OR strpos(content, '@') > 0)
                        ORDER BY id LIMIT ?""");
                PreparedStatement tagsOfPost =
                        connection.prepareStatement("UPDATE post SET hashtags = ? WHERE id = ?");
                PreparedStatement tagRows = connection.prepareStatement(
                        "INSERT INTO post_hashtag (tag, post_id) SELECT t, ? FROM unnest(?) AS t ON CONFLICT DO NOTHING");
                PreparedStatement trending = connection.prepareStatement("""
                        INSERT INTO hashtag_author_hour (hour, tag, author_id, posts)
                        SELECT ?, t, ?, 1 FROM unnest(?) AS t
                        ON CONFLICT (hour, tag, author_id) DO UPDATE SET posts = hashtag_author_hour.posts + 1""");
                PreparedStatement mentionRows = connection.prepareStatement(
                        "INSERT INTO post_mention (username, post_id) SELECT u, ? FROM unnest(?) AS u ON CONFLICT DO NOTHING")) {
            UUID after = new UUID(0, 0);
            int read;
            do {
                read = 0;
                candidates.setObject(1, after);
                candidates.setInt(2, BATCH);
                try (ResultSet posts = candidates.executeQuery()) {
                    while (posts.next()) {
                        read++;
                        UUID id = posts.getObject("id", UUID.class);
                        after = id;
                        UUID author = posts.getObject("author_id", UUID.class);
                        Instant createdAt = posts.getTimestamp("created_at").toInstant();
                        PostText.Parsed parsed = PostText.parse(posts.getString("content"));
                        if (!parsed.hashtags().isEmpty()) {
                            Array tags = connection.createArrayOf(
                                    "text", parsed.hashtags().toArray());
                            tagsOfPost.setArray(1, tags);
                            tagsOfPost.setObject(2, id);
                            tagsOfPost.addBatch();
                            tagRows.setObject(1, id);
                            tagRows.setArray(2, tags);
                            tagRows.addBatch();
                            if (createdAt.isAfter(trendingSince)) {
                                trending.setTimestamp(1, Timestamp.from(createdAt.truncatedTo(ChronoUnit.HOURS)));
                                trending.setObject(2, author);
                                trending.setArray(3, tags);
                                trending.addBatch();
                            }
                        }
                        if (!parsed.mentions().isEmpty()) {
                            mentionRows.setObject(1, id);
                            mentionRows.setArray(
                                    2,
                                    connection.createArrayOf(
                                            "text", parsed.mentions().toArray()));
                            mentionRows.addBatch();
                        }
                    }
                }
                tagsOfPost.executeBatch();
                tagRows.executeBatch();
                trending.executeBatch();
                mentionRows.executeBatch();
            } while (read == BATCH);
        }
    }
}
