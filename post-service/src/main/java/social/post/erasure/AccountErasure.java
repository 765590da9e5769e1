package social.post.erasure;

import java.time.Instant;

import org.springframework.stereotype.Component;

import social.contract.auth.UserDeleted;
import social.contract.post.PostsErased;
import social.post.followgraph.FollowGraphCopy;
import social.post.post.AuthorErasure;
import social.support.blocks.BlockListCopy;
import social.support.erasure.ErasedUsers;
import social.support.id.Ids;
import social.support.outbox.EventOutbox;

/**
 * {@code user.deleted} in post-service: a tombstone first (so nothing racing with the erasure
 * creates a post or a follow row for the account), then its posts, reposts and mentions, then its
 * rows in the copies of the follow graph and of the block and mute lists, and {@code posts.erased}: all in the inbox's transaction.
 */
@Component
class AccountErasure {
    private final ErasedUsers erased;
    private final AuthorErasure posts;
    private final FollowGraphCopy followGraph;
    private final BlockListCopy blocks;
    private final EventOutbox outbox;

    AccountErasure(
            ErasedUsers erased,
            AuthorErasure posts,
            FollowGraphCopy followGraph,
            BlockListCopy blocks,
            EventOutbox outbox) {
        this.erased = erased;
        this.posts = posts;
        this.followGraph = followGraph;
        this.blocks = blocks;
        this.outbox = outbox;
    }

    void erase(UserDeleted deleted) {
        erased.erase(deleted.userId(), deleted.deletedAt());
        posts.erase(deleted.userId(), deleted.username());
        followGraph.erase(deleted.userId());
        blocks.erase(deleted.userId());
        outbox.publish(new PostsErased(Ids.newId(), Instant.now(), 1, deleted.userId()));
    }
}
