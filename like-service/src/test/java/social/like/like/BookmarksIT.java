package social.like.like;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.like.BookmarkPage;
import social.contract.like.BookmarkPostRequest;
import social.contract.like.GetBookmarksRequest;
import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeRpc;
import social.contract.like.UnbookmarkPostRequest;
import social.contract.post.Post;
import social.contract.post.PostDeleted;
import social.support.id.Ids;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * Bookmarks through like-service's request queue, with {@code post.deleted} delivered as
 * post-service's relay would; post-service itself is stood in for.
 */
@ServiceIntegrationTest
@Import(PostServiceStandIn.class)
class BookmarksIT {
    static final Duration CONVERGE = Duration.ofSeconds(5);

    @Autowired
    RpcCalls rpc;

    @Autowired
    EventReplay replay;

    @Autowired
    PostServiceStandIn posts;

    @Autowired
    JdbcClient db;

    @Test
    void bookmarkingTwiceKeepsOneBookmarkInItsFirstPlace() {
        UUID reader = UUID.randomUUID();
        Post first = posts.post(UUID.randomUUID());
        Post second = posts.post(UUID.randomUUID());

        bookmark(reader, first);
        bookmark(reader, second);
        bookmark(reader, first);

        assertThat(all(reader, 10)).containsExactly(second.id(), first.id());
        assertThat(bookmarksOf(first)).isEqualTo(1);
    }

    @Test
    void concurrentBookmarksOfOneUserKeepOne() {
        UUID reader = UUID.randomUUID();
        Post post = posts.post(UUID.randomUUID());

        List<CompletableFuture<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            attempts.add(rpc.send(LikeRpc.BOOKMARK, new BookmarkPostRequest(reader, post.id())));
        }
        attempts.forEach(CompletableFuture::join);

        assertThat(bookmarksOf(post)).isEqualTo(1);
    }

    @Test
    void unbookmarkingTwiceIsHarmlessAndTouchesOnlyTheCallersBookmark() {
        UUID reader = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Post post = posts.post(UUID.randomUUID());
        bookmark(reader, post);
        bookmark(other, post);

        unbookmark(reader, post);
        unbookmark(reader, post);

        assertThat(all(reader, 10)).isEmpty();
        assertThat(all(other, 10)).containsExactly(post.id());
        assertThat(bookmarked(reader, post)).isFalse();
        assertThat(bookmarked(other, post)).isTrue();
    }

    @Test
    void bookmarksArePagedNewestBookmarkFirstEachExactlyOnceAndOnlyTheCallers() {
        UUID reader = UUID.randomUUID();
        List<UUID> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Post post = posts.post(UUID.randomUUID());
            bookmark(reader, post);
            newestFirst.add(0, post.id());
        }
        bookmark(UUID.randomUUID(), posts.post(UUID.randomUUID()));
        Post withdrawn = posts.post(UUID.randomUUID());
        bookmark(reader, withdrawn);
        unbookmark(reader, withdrawn);

        assertThat(all(reader, 3)).containsExactlyElementsOf(newestFirst);
        assertThat(rpc.refusal(LikeRpc.GET_BOOKMARKS, new GetBookmarksRequest(reader, 3, "garbage"))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(rpc.refusal(LikeRpc.GET_BOOKMARKS, new GetBookmarksRequest(null, 3, null))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void bookmarkingARepostBookmarksItsOriginal() {
        UUID reader = UUID.randomUUID();
        Post original = posts.post(UUID.randomUUID());
        Post repost = posts.repost(UUID.randomUUID(), original);

        bookmark(reader, repost);

        assertThat(all(reader, 10)).containsExactly(original.id());
        assertThat(bookmarked(reader, original)).isTrue();
        assertThat(bookmarked(reader, repost)).isFalse();
        unbookmark(reader, repost);
        assertThat(all(reader, 10)).isEmpty();
    }

    @Test
    void aPostThatPostServiceDoesNotKnowCannotBeBookmarkedNorUnbookmarked() {
        UUID unknown = UUID.randomUUID();

        assertThat(rpc.refusal(LikeRpc.BOOKMARK, new BookmarkPostRequest(UUID.randomUUID(), unknown))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(LikeRpc.UNBOOKMARK, new UnbookmarkPostRequest(UUID.randomUUID(), unknown))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void aDeletedPostLeavesEveryonesBookmarksEvenWhenTheEventIsRedeliveredAndCannotBeBookmarkedAgain() {
        UUID author = UUID.randomUUID();
        UUID reader = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Post post = posts.post(author);
        Post kept = posts.post(author);
        bookmark(reader, kept);
        bookmark(reader, post);
        bookmark(other, post);
        PostDeleted deleted = new PostDeleted(Ids.newId(), Instant.now(), 1, post.id(), author, null, null);

        replay.deliver(deleted);
        replay.deliver(deleted); // at-least-once delivery: the same event again

        await().atMost(CONVERGE).until(() -> bookmarksOf(post) == 0);
        assertThat(all(reader, 10)).containsExactly(kept.id());
        assertThat(all(other, 10)).isEmpty();
        // post-service may still answer the post (its deletion raced with this bookmark): the tombstone refuses it
        assertThat(rpc.refusal(LikeRpc.BOOKMARK, new BookmarkPostRequest(reader, post.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(bookmarksOf(post)).isZero();
    }

    private void bookmark(UUID userId, Post post) {
        rpc.call(LikeRpc.BOOKMARK, new BookmarkPostRequest(userId, post.id()));
    }

    private void unbookmark(UUID userId, Post post) {
        rpc.call(LikeRpc.UNBOOKMARK, new UnbookmarkPostRequest(userId, post.id()));
    }

    /** Every bookmarked post id of a user, page by page. */
    private List<UUID> all(UUID userId, int limit) {
        List<UUID> ids = new ArrayList<>();
        String cursor = null;
        do {
            BookmarkPage page = rpc.call(LikeRpc.GET_BOOKMARKS, new GetBookmarksRequest(userId, limit, cursor));
            assertThat(page.postIds()).hasSizeLessThanOrEqualTo(limit);
            ids.addAll(page.postIds());
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    private boolean bookmarked(UUID callerId, Post post) {
        return rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(callerId, List.of(post.id())))
                .states()
                .get(0)
                .bookmarkedByMe();
    }

    private long bookmarksOf(Post post) {
        return db.sql("SELECT count(*) FROM bookmark WHERE post_id = ?")
                .param(post.id())
                .query(Long.class)
                .single();
    }
}
