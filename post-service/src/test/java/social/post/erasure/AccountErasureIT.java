package social.post.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.Event;
import social.contract.auth.UserDeleted;
import social.contract.follow.UserFollowed;
import social.contract.follow.UserUnfollowed;
import social.contract.post.CreatePostRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.Post;
import social.contract.post.PostDeleted;
import social.contract.post.PostEvents;
import social.contract.post.PostRpc;
import social.contract.post.PostsErased;
import social.contract.post.RepostRequest;
import social.support.id.Ids;
import social.support.testing.EventProbe;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * {@code user.deleted} in post-service: the account's posts and reposts go as their author would
 * delete them (the reply, repost and quote counts of others' posts, trending counts, a
 * {@code post.deleted} each, others' reposts of them too), the mentions of it and its copy of the
 * follow graph, once; late follow events and posts create nothing for it.
 */
@ServiceIntegrationTest
class AccountErasureIT {
    private static final Duration QUIET = Duration.ofMillis(700);

    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(PostEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    JdbcClient db;

    @Test
    void aDeletedAccountsPostsGoAsTheirAuthorWouldDeleteThemAndOthersCountsAreCorrectedOnce() {
        UUID leaver = UUID.randomUUID();
        UUID friend = UUID.randomUUID();
        String name = "l" + leaver.toString().substring(0, 8);
        String tag = "erased" + leaver.toString().substring(0, 8);
        Post friends = create(friend, "the friend's post", null, null);
        Post own = create(leaver, "mine #" + tag, null, null);
        Post reply = create(leaver, "a reply", friends.id(), null);
        Post quote = create(leaver, "a quote", null, friends.id());
        Post repost = rpc.call(PostRpc.REPOST, new RepostRequest(leaver, friends.id()))
                .post();
        Post friendsRepost =
                rpc.call(PostRpc.REPOST, new RepostRequest(friend, own.id())).post();
        Post mention = create(friend, "bye @" + name, null, null);
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, friend, leaver, false, 1L));
        await().atMost(Duration.ofSeconds(5)).until(() -> followRows(leaver) == 2);
        Post counted = get(friends.id());
        assertThat(List.of(counted.replyCount(), counted.repostCount(), counted.quoteCount()))
                .containsExactly(1L, 1L, 1L);

        UserDeleted deleted = new UserDeleted(Ids.newId(), Instant.now(), 1, leaver, name, Instant.now());
        replay.deliver(deleted);
        replay.deliver(deleted);

        events.next(PostsErased.class, e -> e.userId().equals(leaver));
        Set<UUID> gone = events.all(PostDeleted.class, e -> true, QUIET).stream()
                .map(PostDeleted::postId)
                .collect(Collectors.toSet());
        assertThat(gone).contains(own.id(), reply.id(), quote.id(), repost.id(), friendsRepost.id());
        assertThat(gone).doesNotContain(friends.id(), mention.id());
        assertThat(events.all(PostsErased.class, e -> e.userId().equals(leaver), QUIET))
                .isEmpty();
        Post corrected = get(friends.id());
        assertThat(List.of(corrected.replyCount(), corrected.repostCount(), corrected.quoteCount()))
                .containsExactly(0L, 0L, 0L);
        for (Post post : List.of(own, reply, quote, repost, friendsRepost)) {
            assertThat(rpc.refusal(PostRpc.GET, new GetPostRequest(null, post.id()))
                            .code())
                    .isEqualTo(ErrorCode.NOT_FOUND);
        }
        assertThat(get(mention.id()).id()).isEqualTo(mention.id());
        assertThat(db.sql("""
                        SELECT (SELECT count(*) FROM post WHERE author_id = :u)
                             + (SELECT count(*) FROM hashtag_author_hour WHERE author_id = :u)
                             + (SELECT count(*) FROM post_mention WHERE username = :name)
                             + (SELECT count(*) FROM post_idempotency_key WHERE author_id = :u)""")
                        .param("u", leaver)
                        .param("name", name)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(followRows(leaver)).isZero();

        // late: the unfollow followers-service publishes, a follow replayed, a post still in flight
        List<Event> late = List.of(
                new UserUnfollowed(Ids.newId(), Instant.now(), 1, friend, leaver, 2L),
                new UserFollowed(Ids.newId(), Instant.now(), 1, leaver, friend, false, 1L));
        late.forEach(replay::deliver);
        await().atMost(Duration.ofSeconds(5)).until(() -> late.stream().allMatch(this::processed));
        assertThat(followRows(leaver)).isZero();
        assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(leaver, "still here?", null, null, null))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(PostRpc.REPOST, new RepostRequest(leaver, friends.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    private Post create(UUID author, String content, UUID replyToId, UUID quoteOfId) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, replyToId, "key-" + content, quoteOfId))
                .post();
    }

    private Post get(UUID postId) {
        return rpc.call(PostRpc.GET, new GetPostRequest(null, postId)).post();
    }

    private long followRows(UUID userId) {
        return db.sql("""
                        SELECT (SELECT count(*) FROM followed WHERE follower_id = :u OR followee_id = :u)
                             + (SELECT count(*) FROM followed_version WHERE follower_id = :u OR followee_id = :u)""").param("u", userId).query(Long.class).single();
    }

    private boolean processed(Event event) {
        return db.sql("SELECT count(*) FROM processed_event WHERE event_id = ?")
                        .param(event.eventId())
                        .query(Long.class)
                        .single()
                > 0;
    }
}
