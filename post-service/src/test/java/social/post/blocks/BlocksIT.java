package social.post.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.ErrorCode;
import social.contract.post.CreatePostRequest;
import social.contract.post.GetRepliesRequest;
import social.contract.post.GetTagPostsRequest;
import social.contract.post.Post;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.SearchPostsRequest;
import social.support.blocks.BlockListCopy;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** post-service refuses replies, reposts and quotes across a block, as its own copy of the lists has it. */
@ServiceIntegrationTest
class BlocksIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    BlockListCopy blocks;

    @Test
    void repliesRepostsAndQuotesAcrossABlockAreRefusedBothWays() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Post byAlice = post(alice, "alice writes");
        Post byBob = post(bob, "bob writes");
        blocks.blocked(alice, bob, 1);

        for (var pair : new UUID[][] {{bob, byAlice.id()}, {alice, byBob.id()}}) {
            assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(pair[0], "reply", pair[1], null, null))
                            .code())
                    .isEqualTo(ErrorCode.BLOCKED);
            assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(pair[0], "quote", null, null, pair[1]))
                            .code())
                    .isEqualTo(ErrorCode.BLOCKED);
            assertThat(rpc.refusal(PostRpc.REPOST, new RepostRequest(pair[0], pair[1]))
                            .code())
                    .isEqualTo(ErrorCode.BLOCKED);
        }

        blocks.unblocked(alice, bob, 2);
        assertThat(rpc.call(PostRpc.REPOST, new RepostRequest(bob, byAlice.id()))
                        .created())
                .isTrue();
    }

    @Test
    void repliesTagPagesAndSearchLeaveOutTheOtherSideOfABlockAndTheMuted() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        String tag = "blk" + Long.toHexString(alice.getMostSignificantBits() & 0xffffffffL);
        Post root = post(carol, "root #" + tag);
        Post bobsReply = reply(bob, "bob answers #" + tag, root.id());
        Post carolsReply = reply(carol, "carol answers #" + tag, root.id());
        blocks.blocked(bob, alice, 1);
        blocks.muted(alice, carol, 1);

        assertThat(rpc.call(PostRpc.GET_REPLIES, new GetRepliesRequest(alice, root.id(), 20, null))
                        .items())
                .extracting(Post::id)
                .containsExactly(carolsReply.id()); // a mute leaves replies as they are
        assertThat(rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(alice, tag, 20, null))
                        .items())
                .isEmpty();
        assertThat(rpc.call(PostRpc.SEARCH, new SearchPostsRequest(alice, "#" + tag, 20, null))
                        .items())
                .isEmpty();
        assertThat(rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(carol, tag, 20, null))
                        .items())
                .extracting(Post::id)
                .containsExactly(carolsReply.id(), bobsReply.id(), root.id());
    }

    private Post post(UUID author, String content) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, null, null, null))
                .post();
    }

    private Post reply(UUID author, String content, UUID to) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, to, null, null))
                .post();
    }
}
