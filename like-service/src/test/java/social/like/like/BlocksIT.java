package social.like.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import social.contract.ErrorCode;
import social.contract.follow.UserBlocked;
import social.contract.follow.UserUnblocked;
import social.contract.like.BookmarkPostRequest;
import social.contract.like.LikePostRequest;
import social.contract.like.LikeRpc;
import social.contract.post.Post;
import social.support.id.Ids;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * like-service refuses likes and bookmarks across a block, both ways, as its own copy of the block
 * lists has it: the copy fed by {@code user.blocked} and {@code user.unblocked} delivered as
 * followers-service's relay would, in whatever order they come.
 */
@ServiceIntegrationTest
@Import(PostServiceStandIn.class)
class BlocksIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    PostServiceStandIn posts;

    @Test
    void likesAndBookmarksAcrossABlockAreRefusedBothWaysUntilTheUnblock() {
        UUID ann = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        Post annsPost = posts.post(ann);
        Post bensPost = posts.post(ben);

        replay.deliver(new UserBlocked(Ids.newId(), Instant.now(), 1, ann, ben, 1));

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(rpc.refusal(LikeRpc.LIKE, new LikePostRequest(ben, annsPost.id()))
                                .code())
                        .isEqualTo(ErrorCode.BLOCKED));
        assertThat(rpc.refusal(LikeRpc.LIKE, new LikePostRequest(ann, bensPost.id()))
                        .code())
                .isEqualTo(ErrorCode.BLOCKED);
        assertThat(rpc.refusal(LikeRpc.BOOKMARK, new BookmarkPostRequest(ben, annsPost.id()))
                        .code())
                .isEqualTo(ErrorCode.BLOCKED);
        assertThat(rpc.refusal(LikeRpc.BOOKMARK, new BookmarkPostRequest(ann, bensPost.id()))
                        .code())
                .isEqualTo(ErrorCode.BLOCKED);

        // the unblock, then the block again redelivered late: the unblock holds
        replay.deliver(new UserUnblocked(Ids.newId(), Instant.now(), 1, ann, ben, 2));
        replay.deliver(new UserBlocked(Ids.newId(), Instant.now(), 1, ann, ben, 1));
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> rpc.call(LikeRpc.LIKE, new LikePostRequest(ben, annsPost.id())));
        rpc.call(LikeRpc.BOOKMARK, new BookmarkPostRequest(ann, bensPost.id()));
    }
}
