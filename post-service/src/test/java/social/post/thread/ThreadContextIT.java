package social.post.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.ErrorCode;
import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.GetPostContextRequest;
import social.contract.post.Post;
import social.contract.post.PostContext;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.support.blocks.BlockListCopy;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** The thread around a post: its ancestors root first, the replies below depth first, bounded. */
@ServiceIntegrationTest
class ThreadContextIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    BlockListCopy blocks;

    @Test
    void ancestorsRunFromTheRootToTheParentAndDescendantsDepthFirstEachLevelOldestFirst() {
        UUID author = UUID.randomUUID();
        Post root = post(author, "root", null);
        Post a = post(author, "a", root.id());
        Post b = post(author, "b", root.id());
        Post a1 = post(author, "a1", a.id());
        Post a2 = post(author, "a2", a.id());
        Post a1x = post(author, "a1x", a1.id());
        Post b1 = post(author, "b1", b.id());

        assertThat(ids(context(a1).ancestors())).containsExactly(root.id(), a.id());
        assertThat(ids(context(a1).descendants())).containsExactly(a1x.id());
        assertThat(context(root).ancestors()).isEmpty();
        assertThat(ids(context(root).descendants()))
                .containsExactly(a.id(), a1.id(), a1x.id(), a2.id(), b.id(), b1.id());
        // a repost stands for its original
        Post repost = rpc.call(PostRpc.REPOST, new RepostRequest(UUID.randomUUID(), a.id()))
                .post();
        assertThat(ids(context(repost).ancestors())).containsExactly(root.id());
    }

    @Test
    void aDeletedAncestorIsLeftOutAndTheWalkGoesThroughADeletedReplyToTheRepliesBelowIt() {
        UUID author = UUID.randomUUID();
        Post root = post(author, "root", null);
        Post middle = post(author, "middle", root.id());
        Post leaf = post(author, "leaf", middle.id());
        Post below = post(author, "below", leaf.id());

        rpc.call(PostRpc.DELETE, new DeletePostRequest(author, middle.id()));

        assertThat(ids(context(leaf).ancestors())).containsExactly(root.id());
        assertThat(ids(context(root).descendants())).containsExactly(leaf.id(), below.id());
    }

    @Test
    void aDeepChainShowsTheRootAndTheNearestAncestorsAndTwoHundredDescendantsAtMost() {
        UUID author = UUID.randomUUID();
        List<Post> chain = new ArrayList<>();
        chain.add(post(author, "0", null));
        for (int depth = 1; depth <= 210; depth++) {
            chain.add(post(author, Integer.toString(depth), chain.get(depth - 1).id()));
        }

        PostContext ofLeaf = context(chain.get(210));
        assertThat(ofLeaf.ancestors()).hasSize(40);
        assertThat(ofLeaf.ancestors().get(0).id()).isEqualTo(chain.get(0).id());
        assertThat(ids(ofLeaf.ancestors().subList(1, 40))).containsExactlyElementsOf(ids(chain.subList(171, 210)));
        assertThat(ofLeaf.descendants()).isEmpty();

        PostContext ofRoot = context(chain.get(0));
        assertThat(ofRoot.ancestors()).isEmpty();
        assertThat(ids(ofRoot.descendants())).containsExactlyElementsOf(ids(chain.subList(1, 201)));
    }

    @Test
    void repliesOfAuthorsBlockedEitherWayAreLeftOutAsInARepliesList() {
        UUID viewer = UUID.randomUUID();
        UUID blocked = UUID.randomUUID();
        UUID blocker = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Post root = post(blocked, "root by a blocked author", null);
        Post byOther = post(other, "a reply", root.id());
        Post byBlocker = post(blocker, "a reply by someone who blocks the viewer", byOther.id());
        Post underIt = post(other, "a reply to that", byBlocker.id());
        blocks.blocked(viewer, blocked, 1);
        blocks.blocked(blocker, viewer, 1);

        assertThat(ids(context(underIt, viewer).ancestors())).containsExactly(byOther.id());
        assertThat(ids(context(root, viewer).descendants())).containsExactly(byOther.id(), underIt.id());
        // anonymous callers see the whole thread
        assertThat(ids(context(underIt, null).ancestors())).containsExactly(root.id(), byOther.id(), byBlocker.id());
    }

    @Test
    void anUnknownPostIsNotFound() {
        assertThat(rpc.refusal(PostRpc.GET_CONTEXT, new GetPostContextRequest(null, UUID.randomUUID()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    private PostContext context(Post post) {
        return context(post, null);
    }

    private PostContext context(Post post, UUID viewer) {
        return rpc.call(PostRpc.GET_CONTEXT, new GetPostContextRequest(viewer, post.id()));
    }

    private Post post(UUID author, String content, UUID replyToId) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, replyToId, null, null))
                .post();
    }

    private static List<UUID> ids(List<Post> posts) {
        return posts.stream().map(Post::id).toList();
    }
}
