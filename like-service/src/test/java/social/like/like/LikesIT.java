package social.like.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.like.GetLikeStatesRequest;
import social.contract.like.GetLikersRequest;
import social.contract.like.LikeAdded;
import social.contract.like.LikeEvents;
import social.contract.like.LikePostRequest;
import social.contract.like.LikeRemoved;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates.LikeState;
import social.contract.like.LikerPage;
import social.contract.like.UnlikePostRequest;
import social.contract.post.Post;
import social.contract.post.PostDeleted;
import social.support.id.Ids;
import social.support.purge.PeriodicPurge;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * like-service through its request queue, with the events it publishes read off the broker and
 * {@code post.deleted} delivered as post-service's relay would; post-service itself is stood in for.
 */
@ServiceIntegrationTest
@Import(PostServiceStandIn.class)
class LikesIT {
    /** Long enough for a second event, had one been written, to come through the outbox relay. */
    static final Duration QUIET = Duration.ofMillis(700);

    static final Duration CONVERGE = Duration.ofSeconds(5);

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(LikeEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    PostServiceStandIn posts;

    @Autowired
    JdbcClient db;

    @Autowired
    PeriodicPurge deletedPostPurge;

    @Test
    void likingTwiceCountsOnceAndPublishesOneLikeAdded() {
        UUID author = UUID.randomUUID();
        UUID fan = UUID.randomUUID();
        Post post = posts.post(author);

        like(fan, post);
        like(fan, post);

        assertThat(state(fan, post)).isEqualTo(new LikeState(post.id(), 1, true, false));
        assertThat(events.all(LikeAdded.class, e -> e.postId().equals(post.id()), QUIET))
                .singleElement()
                .satisfies(added -> {
                    assertThat(added.likerId()).isEqualTo(fan);
                    assertThat(added.postAuthorId()).isEqualTo(author);
                    assertThat(added.eventId()).isNotNull();
                    assertThat(added.occurredAt()).isNotNull();
                    assertThat(added.version()).isEqualTo(1);
                });
    }

    @Test
    void concurrentLikesOfOneUserCountOnceAndPublishOnce() {
        UUID fan = UUID.randomUUID();
        Post post = posts.post(UUID.randomUUID());

        List<CompletableFuture<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(rpc.send(LikeRpc.LIKE, new LikePostRequest(fan, post.id())));
        }
        attempts.forEach(CompletableFuture::join);

        assertThat(state(fan, post).likeCount()).isEqualTo(1);
        assertThat(events.all(LikeAdded.class, e -> e.postId().equals(post.id()), QUIET))
                .hasSize(1);
    }

    @Test
    void unlikingTwiceRemovesTheLikeOnceAndTheCountNeverGoesBelowZero() {
        UUID author = UUID.randomUUID();
        UUID fan = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        Post post = posts.post(author);
        like(fan, post);

        unlike(fan, post);
        unlike(fan, post);
        unlike(stranger, post);

        assertThat(state(fan, post)).isEqualTo(new LikeState(post.id(), 0, false, false));
        assertThat(db.sql("SELECT like_count FROM like_count WHERE post_id = ?")
                        .param(post.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(events.all(LikeRemoved.class, e -> e.postId().equals(post.id()), QUIET))
                .singleElement()
                .satisfies(removed -> {
                    assertThat(removed.likerId()).isEqualTo(fan);
                    assertThat(removed.postAuthorId()).isEqualTo(author);
                });
    }

    @Test
    void likingARepostLikesItsOriginal() {
        UUID author = UUID.randomUUID();
        UUID fan = UUID.randomUUID();
        Post original = posts.post(author);
        Post repost = posts.repost(UUID.randomUUID(), original);

        like(fan, repost);
        like(fan, original);

        assertThat(state(fan, original)).isEqualTo(new LikeState(original.id(), 1, true, false));
        assertThat(state(fan, repost)).isEqualTo(new LikeState(repost.id(), 0, false, false));
        assertThat(events.all(LikeAdded.class, e -> e.likerId().equals(fan), QUIET))
                .singleElement()
                .satisfies(added -> {
                    assertThat(added.postId()).isEqualTo(original.id());
                    assertThat(added.postAuthorId()).isEqualTo(author);
                });
    }

    @Test
    void aPostThatPostServiceDoesNotKnowCannotBeLikedNorItsLikersListed() {
        UUID unknown = UUID.randomUUID();

        assertThat(rpc.refusal(LikeRpc.LIKE, new LikePostRequest(UUID.randomUUID(), unknown))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(LikeRpc.GET_LIKERS, new GetLikersRequest(unknown, 10, null))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void likersArePagedNewestLikeFirstEachExactlyOnce() {
        Post post = posts.post(UUID.randomUUID());
        List<UUID> fans = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            UUID fan = UUID.randomUUID();
            like(fan, post);
            fans.add(0, fan);
        }
        unlike(fans.get(3), post);
        UUID withdrawn = fans.remove(3);

        List<UUID> likers = new ArrayList<>();
        String cursor = null;
        do {
            LikerPage page = rpc.call(LikeRpc.GET_LIKERS, new GetLikersRequest(post.id(), 3, cursor));
            assertThat(page.userIds()).hasSizeLessThanOrEqualTo(3);
            likers.addAll(page.userIds());
            cursor = page.nextCursor();
        } while (cursor != null);

        assertThat(likers).containsExactlyElementsOf(fans).doesNotContain(withdrawn);
        assertThat(rpc.refusal(LikeRpc.GET_LIKERS, new GetLikersRequest(post.id(), 3, "garbage"))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void aDeletedPostLosesItsLikesOnceEvenWhenTheEventIsRedeliveredAndCannotBeLikedAgain() {
        UUID author = UUID.randomUUID();
        UUID fan = UUID.randomUUID();
        Post post = posts.post(author);
        Post kept = posts.post(author);
        like(fan, post);
        like(UUID.randomUUID(), post);
        like(fan, kept);
        PostDeleted deleted = new PostDeleted(Ids.newId(), Instant.now(), 1, post.id(), author, null, null);

        replay.deliver(deleted);
        replay.deliver(deleted); // at-least-once delivery: the same event again

        await().atMost(CONVERGE)
                .untilAsserted(() -> assertThat(state(fan, post)).isEqualTo(new LikeState(post.id(), 0, false, false)));
        assertThat(likesOf(post)).isZero();
        // post-service may still answer the post (its deletion raced with this like): the tombstone refuses it
        assertThat(rpc.refusal(LikeRpc.LIKE, new LikePostRequest(fan, post.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(likesOf(post)).isZero();
        assertThat(state(fan, kept)).isEqualTo(new LikeState(kept.id(), 1, true, false));
        // a later event of the same queue is applied, so the redelivery is behind us: it was applied once
        PostDeleted marker = new PostDeleted(Ids.newId(), Instant.now(), 1, Ids.newId(), author, null, null);
        replay.deliver(marker);
        await().atMost(CONVERGE).until(() -> processed(marker.eventId()) == 1);
        assertThat(processed(deleted.eventId())).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM deleted_post WHERE post_id = ?")
                        .param(post.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(events.all(LikeAdded.class, e -> e.postId().equals(post.id()), QUIET))
                .hasSize(2);
    }

    @Test
    void theLikersOfAPostThatIsGoneAreNotFound() {
        Post post = posts.post(UUID.randomUUID());
        like(UUID.randomUUID(), post);

        replay.deliver(new PostDeleted(Ids.newId(), Instant.now(), 1, post.id(), post.authorId(), null, null));
        posts.forget(post.id());

        await().atMost(CONVERGE).until(() -> likesOf(post) == 0);
        assertThat(rpc.refusal(LikeRpc.GET_LIKERS, new GetLikersRequest(post.id(), 10, null))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(LikeRpc.LIKE, new LikePostRequest(UUID.randomUUID(), post.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    private void like(UUID userId, Post post) {
        rpc.call(LikeRpc.LIKE, new LikePostRequest(userId, post.id()));
    }

    private void unlike(UUID userId, Post post) {
        rpc.call(LikeRpc.UNLIKE, new UnlikePostRequest(userId, post.id()));
    }

    private LikeState state(UUID callerId, Post post) {
        return rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(callerId, List.of(post.id())))
                .states()
                .get(0);
    }

    private long likesOf(Post post) {
        return db.sql("SELECT count(*) FROM post_like WHERE post_id = ?")
                .param(post.id())
                .query(Long.class)
                .single();
    }

    private long processed(UUID eventId) {
        return db.sql("SELECT count(*) FROM processed_event WHERE event_id = ?")
                .param(eventId)
                .query(Long.class)
                .single();
    }

    @Test
    void tombstonesArePurgedOnceTheRetentionPassedAndRecentOnesStay() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        db.sql("INSERT INTO deleted_post (post_id, deleted_at) VALUES (?, ?), (?, ?)")
                .params(
                        old,
                        Timestamp.from(Instant.now().minus(Duration.ofDays(31))),
                        recent,
                        Timestamp.from(Instant.now().minus(Duration.ofDays(29))))
                .update();

        deletedPostPurge.runOnce();

        assertThat(db.sql("SELECT post_id FROM deleted_post WHERE post_id IN (?, ?)")
                        .params(old, recent)
                        .query(UUID.class)
                        .list())
                .containsExactly(recent);
    }
}
