package social.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.GetPostsRequest;
import social.contract.post.Post;
import social.contract.post.PostCreated;
import social.contract.post.PostDeleted;
import social.contract.post.PostEvents;
import social.contract.post.PostResult;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.UndoRepostRequest;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** post-service through its request queue, with the events it publishes read off the broker. */
@ServiceIntegrationTest
class PostsIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(PostEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcClient db;

    @Test
    void aPostIsCreatedWithItsMentionsOnTheEvent() {
        UUID author = UUID.randomUUID();
        Post post = create(author, "hi @Bob_99 and @bob_99 and @carol", null);

        PostCreated event = nextEvent(PostCreated.class, post.id());
        assertThat(event.authorId()).isEqualTo(author);
        assertThat(event.mentionedUsernames()).containsExactly("bob_99", "carol");
        assertThat(event.replyToId()).isNull();
        assertThat(event.repostOfId()).isNull();
        assertThat(event.eventId()).isNotNull();
        assertThat(event.version()).isEqualTo(1);
    }

    @Test
    void replyAndRepostEventsNameWhatTheyAnswerAndItsAuthor() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Post original = create(alice, "original", null);
        Post reply = create(bob, "reply", original.id());
        Post repost =
                rpc.call(PostRpc.REPOST, new RepostRequest(bob, original.id())).post();

        PostCreated replied = nextEvent(PostCreated.class, reply.id());
        assertThat(replied.replyToId()).isEqualTo(original.id());
        assertThat(replied.replyToAuthorId()).isEqualTo(alice);
        PostCreated reposted = nextEvent(PostCreated.class, repost.id());
        assertThat(reposted.repostOfId()).isEqualTo(original.id());
        assertThat(reposted.repostOfAuthorId()).isEqualTo(alice);
        assertThat(reposted.content()).isEmpty();
    }

    @Test
    void onlyTheAuthorMayDeleteAsPostServiceItselfChecks() {
        UUID author = UUID.randomUUID();
        Post post = create(author, "mine", null);

        assertThat(rpc.refusal(PostRpc.DELETE, new DeletePostRequest(UUID.randomUUID(), post.id()))
                        .code())
                .isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(rpc.call(PostRpc.GET, new GetPostRequest(null, post.id()))
                        .post()
                        .id())
                .isEqualTo(post.id());
    }

    @Test
    void manyPostsAreAnsweredInTheOrderAskedWithMissingOnesLeftOutAndRepostsWithTheirOriginal() {
        UUID author = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        Post first = create(author, "first", null);
        Post second = create(author, "second", null);
        Post repost =
                rpc.call(PostRpc.REPOST, new RepostRequest(reader, first.id())).post();
        Post deleted = create(author, "gone", null);
        rpc.call(PostRpc.DELETE, new DeletePostRequest(author, deleted.id()));

        List<Post> found = rpc.call(
                        PostRpc.GET_MANY,
                        new GetPostsRequest(
                                reader, List.of(second.id(), deleted.id(), repost.id(), first.id(), UUID.randomUUID())))
                .items();

        assertThat(found).extracting(Post::id).containsExactly(second.id(), repost.id(), first.id());
        assertThat(found.get(1).repostOf().id()).isEqualTo(first.id());
        assertThat(found.get(2).repostedByMe()).isTrue();
        assertThat(rpc.call(PostRpc.GET_MANY, new GetPostsRequest(null, List.of()))
                        .items())
                .isEmpty();
        List<UUID> tooMany = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            tooMany.add(UUID.randomUUID());
        }
        assertThat(rpc.refusal(PostRpc.GET_MANY, new GetPostsRequest(null, tooMany))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void deletingAnOriginalDeletesItsRepostsWithOneEventEach() {
        UUID author = UUID.randomUUID();
        Post original = create(author, "to be reposted", null);
        List<UUID> reposts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            reposts.add(rpc.call(PostRpc.REPOST, new RepostRequest(UUID.randomUUID(), original.id()))
                    .post()
                    .id());
        }

        rpc.call(PostRpc.DELETE, new DeletePostRequest(author, original.id()));

        for (UUID repost : reposts) {
            PostDeleted event = nextEvent(PostDeleted.class, repost);
            assertThat(event.repostOfId()).isEqualTo(original.id());
        }
        assertThat(nextEvent(PostDeleted.class, original.id()).authorId()).isEqualTo(author);
        assertThat(db.sql("SELECT count(*) FROM post WHERE id = ? OR repost_of_id = ?")
                        .params(original.id(), original.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void undoingARepostPublishesPostDeletedOnlyOnce() {
        UUID reposter = UUID.randomUUID();
        Post original = create(UUID.randomUUID(), "x", null);
        Post repost = rpc.call(PostRpc.REPOST, new RepostRequest(reposter, original.id()))
                .post();

        rpc.call(PostRpc.UNDO_REPOST, new UndoRepostRequest(reposter, original.id()));
        rpc.call(PostRpc.UNDO_REPOST, new UndoRepostRequest(reposter, original.id()));

        assertThat(events.all(PostDeleted.class, event -> event.postId().equals(repost.id()), Duration.ofMillis(700)))
                .singleElement()
                .satisfies(event -> assertThat(event.repostOfId()).isEqualTo(original.id()));
        assertThat(rpc.call(PostRpc.GET, new GetPostRequest(reposter, original.id()))
                        .post()
                        .repostCount())
                .isZero();
    }

    @Test
    void concurrentRepeatsOfAnIdempotencyKeyCreateOnePost() {
        UUID author = UUID.randomUUID();
        List<CompletableFuture<UUID>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(rpc.send(PostRpc.CREATE, new CreatePostRequest(author, "once", null, "key-1", null))
                    .thenApply(result -> result.post().id()));
        }
        List<UUID> ids =
                attempts.stream().map(CompletableFuture::join).distinct().toList();

        assertThat(ids).hasSize(1);
        assertThat(db.sql("SELECT count(*) FROM post WHERE author_id = ?")
                        .params(author)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    /**
     * The broker delivers a request again when the service that took it died after its commit and
     * before its acknowledgement; the gateway keys every create (its own key when the client gave
     * none), so the second delivery answers the first post.
     */
    @Test
    void aCreateRequestDeliveredTwiceMakesOnePostAndAnswersItBothTimes() {
        UUID author = UUID.randomUUID();
        CreatePostRequest request =
                new CreatePostRequest(author, "once", null, UUID.randomUUID().toString(), null);

        PostResult first = rpc.call(PostRpc.CREATE, request);
        PostResult again = rpc.call(PostRpc.CREATE, request);

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.post().id()).isEqualTo(first.post().id());
        assertThat(db.sql("SELECT count(*) FROM post WHERE author_id = ?")
                        .params(author)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private Post create(UUID author, String content, UUID replyToId) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, replyToId, null, null))
                .post();
    }

    private <E> E nextEvent(Class<E> type, UUID postId) {
        return events.next(
                type,
                event -> postId.equals(
                        event instanceof PostCreated created ? created.postId() : ((PostDeleted) event).postId()));
    }
}
