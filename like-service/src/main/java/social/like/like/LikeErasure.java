package social.like.like;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import social.contract.auth.UserDeleted;
import social.contract.like.LikesErased;
import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;

/**
 * A deleted account's likes go (each liked post's count one less) and its bookmarks, and
 * {@code likes.erased} reports it: all in the inbox's transaction. The likes and bookmarks of the
 * account's own posts go with each post's {@code post.deleted}.
 */
@Component
class LikeErasure {
    private final JdbcClient db;
    private final ErasedUsers erased;
    private final BlockListCopy blocks;
    private final EventOutbox outbox;

    LikeErasure(JdbcClient db, ErasedUsers erased, BlockListCopy blocks, EventOutbox outbox) {
        this.db = db;
        this.erased = erased;
        this.blocks = blocks;
        this.outbox = outbox;
    }

    void erase(UserDeleted deleted) {
        erased.erase(deleted.userId(), deleted.deletedAt());
        // one statement: the likes go and their posts' counts go down by one each (a user likes a post once)
        db.sql("""
                        WITH gone AS (DELETE FROM post_like WHERE user_id = :user RETURNING post_id)
                        UPDATE like_count c SET like_count = GREATEST(c.like_count - 1, 0)
                        FROM gone WHERE c.post_id = gone.post_id""").param("user", deleted.userId()).update();
        db.sql("DELETE FROM bookmark WHERE user_id = :user")
                .param("user", deleted.userId())
                .update();
        blocks.erase(deleted.userId());
        outbox.publish(new LikesErased(Ids.newId(), Instant.now(), 1, deleted.userId()));
    }
}
