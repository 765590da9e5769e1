package social.post.post;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a post refers to, kept where tag pages, trending and search find it: its rows in
 * {@code post_hashtag} and {@code post_mention}, and its counts in {@code hashtag_author_hour}
 * (the hour it was created in). Written in the transaction of the post's creation, edit or
 * deletion, so they follow the posts exactly: a request that changes nothing changes no count.
 */
@Component
class PostReferences {
    private final JdbcClient db;

    PostReferences(JdbcClient db) {
        this.db = db;
    }

    /**
     * The post now carries {@code tags} (none of which it carried before). Their rows are written
     * in tag order, so that two posts counting the same tags (and, through the trigger of
     * migration V12, the same trending counts) lock them in the same order.
     */
    void tagged(UUID postId, UUID authorId, Instant createdAt, List<String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        String[] array = tags.toArray(String[]::new);
        db.sql("INSERT INTO post_hashtag (tag, post_id) SELECT t, ? FROM unnest(?::text[]) AS t")
                .params(postId, array)
                .update();
        db.sql("""
                        INSERT INTO hashtag_author_hour (hour, tag, author_id, posts)
                        SELECT ?, t, ?, 1 FROM unnest(?::text[]) AS t ORDER BY t
                        ON CONFLICT (hour, tag, author_id) DO UPDATE SET posts = hashtag_author_hour.posts + 1""").params(hour(createdAt), authorId, array).update();
    }

    /**
     * The post no longer carries {@code tags}. {@code rowsGo}: its {@code post_hashtag} rows go by
     * themselves (the post is being deleted, they cascade).
     */
    void untagged(UUID postId, UUID authorId, Instant createdAt, List<String> tags, boolean rowsGo) {
        if (tags.isEmpty()) {
            return;
        }
        String[] array = tags.toArray(String[]::new);
        if (!rowsGo) {
            db.sql("DELETE FROM post_hashtag WHERE tag = ANY (?::text[]) AND post_id = ?")
                    .params(array, postId)
                    .update();
        }
        // one statement to count down, then one to drop what reached 0: two transactions counting
        // down the same row wait for each other at the UPDATE, so neither count is lost
        db.sql("""
                        UPDATE hashtag_author_hour SET posts = GREATEST(posts - 1, 0)
                        WHERE hour = ? AND tag = ANY (?::text[]) AND author_id = ?""").params(hour(createdAt), array, authorId).update();
        db.sql("""
                        DELETE FROM hashtag_author_hour
                        WHERE hour = ? AND tag = ANY (?::text[]) AND author_id = ? AND posts = 0""").params(hour(createdAt), array, authorId).update();
    }

    /** The post now mentions {@code usernames} (none of whom it mentioned before). */
    void mentioned(UUID postId, List<String> usernames) {
        if (usernames.isEmpty()) {
            return;
        }
        db.sql("INSERT INTO post_mention (username, post_id) SELECT u, ? FROM unnest(?::text[]) AS u")
                .params(postId, usernames.toArray(String[]::new))
                .update();
    }

    /** The post mentions {@code usernames} now, whomever it mentioned before (an edit). */
    void mentionedNow(UUID postId, List<String> usernames) {
        db.sql("DELETE FROM post_mention WHERE post_id = ?").params(postId).update();
        mentioned(postId, usernames);
    }

    private static Timestamp hour(Instant createdAt) {
        return Timestamp.from(createdAt.truncatedTo(ChronoUnit.HOURS));
    }
}
