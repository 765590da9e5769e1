package social.like.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.auth.UserDeleted;
import social.contract.like.BookmarkPostRequest;
import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeEvents;
import social.contract.like.LikePostRequest;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates.LikeState;
import social.contract.like.LikesErased;
import social.contract.post.Post;
import social.support.id.Ids;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** {@code user.deleted} in like-service: the account's likes (counts corrected) and bookmarks go, once. */
@ServiceIntegrationTest
@Import(PostServiceStandIn.class)
class LikeErasureIT {
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

    @Test
    void aDeletedAccountsLikesAndBookmarksGoOnceWithTheCountsCorrectedAndItCannotLikeAgain() {
        UUID leaver = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Post shared = posts.post(UUID.randomUUID());
        Post alone = posts.post(UUID.randomUUID());
        rpc.call(LikeRpc.LIKE, new LikePostRequest(leaver, shared.id()));
        rpc.call(LikeRpc.LIKE, new LikePostRequest(other, shared.id()));
        rpc.call(LikeRpc.LIKE, new LikePostRequest(leaver, alone.id()));
        rpc.call(LikeRpc.BOOKMARK, new BookmarkPostRequest(leaver, alone.id()));
        rpc.call(LikeRpc.BOOKMARK, new BookmarkPostRequest(other, alone.id()));

        UserDeleted deleted = new UserDeleted(Ids.newId(), Instant.now(), 1, leaver, "leaver", Instant.now());
        replay.deliver(deleted);
        replay.deliver(deleted);

        LikesErased erased = events.next(LikesErased.class, e -> e.userId().equals(leaver));
        assertThat(erased.version()).isEqualTo(1);
        assertThat(state(other, shared)).isEqualTo(new LikeState(shared.id(), 1, true, false));
        assertThat(state(other, alone)).isEqualTo(new LikeState(alone.id(), 0, false, true));
        assertThat(state(leaver, alone)).isEqualTo(new LikeState(alone.id(), 0, false, false));
        assertThat(rowsNaming(leaver)).isZero();
        // the redelivery was dropped by the inbox: no second report, counted down once
        assertThat(events.all(LikesErased.class, e -> e.userId().equals(leaver), Duration.ofMillis(700)))
                .isEmpty();

        // a like or bookmark still in flight from the deleted account is refused
        assertThat(rpc.refusal(LikeRpc.LIKE, new LikePostRequest(leaver, shared.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(LikeRpc.BOOKMARK, new BookmarkPostRequest(leaver, shared.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(rowsNaming(leaver)).isZero());
        assertThat(state(other, shared).likeCount()).isEqualTo(1);
        // what is kept: the tombstone, an id and a time
        assertThat(db.sql("SELECT count(*) FROM erased_user WHERE user_id = ?")
                        .param(leaver)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private long rowsNaming(UUID userId) {
        return db.sql("SELECT (SELECT count(*) FROM post_like WHERE user_id = :u) + (SELECT count(*) FROM bookmark"
                        + " WHERE user_id = :u)")
                .param("u", userId)
                .query(Long.class)
                .single();
    }

    private LikeState state(UUID callerId, Post post) {
        return rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(callerId, List.of(post.id())))
                .states()
                .get(0);
    }
}
