package social.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.EditPostRequest;
import social.contract.post.GetPostHistoryRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.GetTagPostsRequest;
import social.contract.post.GetTrendingTagsRequest;
import social.contract.post.Post;
import social.contract.post.PostEdited;
import social.contract.post.PostEvents;
import social.contract.post.PostHistory;
import social.contract.post.PostResult;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.SearchPostsRequest;
import social.support.rpc.RpcErrorException;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** Editing posts through post-service's request queue. */
@ServiceIntegrationTest
class EditsIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(PostEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcClient db;

    @Test
    void anEditChangesTheContentKeepsTheHistoryAndTellsTheOthers() {
        UUID author = UUID.randomUUID();
        UUID parentAuthor = UUID.randomUUID();
        Post parent = create(parentAuthor, "parent", null, null);
        Post post = create(author, "first @alice", parent.id(), null);

        Post edited = edit(author, post.id(), "  second @Alice @bob  ");
        Post again = edit(author, post.id(), "third");

        assertThat(edited.content()).isEqualTo("second @Alice @bob");
        assertThat(edited.editedAt()).isAfterOrEqualTo(post.createdAt());
        assertThat(again.editedAt()).isAfter(edited.editedAt());
        assertThat(get(post.id()).content()).isEqualTo("third");
        assertThat(history(post.id()))
                .extracting(PostHistory.Version::content)
                .containsExactly("first @alice", "second @Alice @bob", "third");
        List<PostHistory.Version> versions = history(post.id());
        assertThat(versions.get(0).createdAt()).isEqualTo(post.createdAt());
        assertThat(versions.get(1).createdAt()).isEqualTo(edited.editedAt());
        assertThat(versions.get(2).createdAt()).isEqualTo(again.editedAt());
        PostEdited event = events.next(PostEdited.class, e -> e.postId().equals(post.id()));
        assertThat(event.content()).isEqualTo("second @Alice @bob");
        assertThat(event.mentionedUsernames()).containsExactly("alice", "bob");
        assertThat(event.replyToId()).isEqualTo(parent.id());
        assertThat(event.replyToAuthorId()).isEqualTo(parentAuthor);
        assertThat(event.editedAt()).isEqualTo(edited.editedAt());
    }

    @Test
    void theSameContentAgainChangesNothing() {
        UUID author = UUID.randomUUID();
        Post post = create(author, "unchanged", null, null);

        Post same = edit(author, post.id(), " unchanged ");

        assertThat(same.editedAt()).isNull();
        assertThat(history(post.id())).hasSize(1);
        assertThat(events.all(PostEdited.class, e -> e.postId().equals(post.id()), Duration.ofMillis(500)))
                .isEmpty();
    }

    @Test
    void anEditMovesThePostBetweenTagPagesTrendingCountsAndSearchResults() {
        db.sql("DELETE FROM hashtag_author_hour").update(); // no other test's tags in the ranking
        UUID author = UUID.randomUUID();
        String before = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String after = "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Post post = create(author, "#" + before + " #kept" + before + " about walruses @mentioned_before", null, null);

        Post edited = edit(author, post.id(), "#kept" + before + " #" + after + " about penguins @mentioned_after");

        assertThat(edited.hashtags()).containsExactly("kept" + before, after);
        assertThat(tagPage(before)).isEmpty();
        assertThat(tagPage(after)).containsExactly(post.id());
        assertThat(tagPage("kept" + before)).containsExactly(post.id());
        assertThat(trendingPosts(before)).isZero();
        assertThat(trendingPosts(after)).isEqualTo(1);
        assertThat(trendingPosts("kept" + before)).isEqualTo(1);
        assertThat(search("penguins #" + after)).containsExactly(post.id());
        assertThat(search("walruses #kept" + before)).isEmpty();
        assertThat(search("#kept" + before + " @mentioned_after")).containsExactly(post.id());
        assertThat(search("#kept" + before + " @mentioned_before")).isEmpty();
    }

    @Test
    void onlyTheAuthorEditsARepostCannotBeEditedAndBadContentIsRefused() {
        UUID author = UUID.randomUUID();
        Post post = create(author, "original", null, null);
        Post repost =
                rpc.call(PostRpc.REPOST, new RepostRequest(author, post.id())).post();

        assertThat(refusal(UUID.randomUUID(), post.id(), "not mine")).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(author, repost.id(), "a repost")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(author, post.id(), "  ")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(author, post.id(), "x".repeat(281))).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(author, post.id(), "a\u0000b")).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(refusal(author, UUID.randomUUID(), "unknown")).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(rpc.refusal(PostRpc.GET_HISTORY, new GetPostHistoryRequest(UUID.randomUUID(), 20, null))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(get(post.id()).content()).isEqualTo("original");
        assertThat(get(post.id()).editedAt()).isNull();
    }

    @Test
    void aQuoteShowsTheQuotedPostAsEditedAndADeletedPostTakesItsHistoryAlong() {
        UUID author = UUID.randomUUID();
        Post quoted = create(author, "before", null, null);
        Post quote = create(UUID.randomUUID(), "look", null, quoted.id());

        edit(author, quoted.id(), "after");

        assertThat(get(quote.id()).quoteOf().content()).isEqualTo("after");
        assertThat(get(quote.id()).quoteOf().editedAt()).isNotNull();
        rpc.call(PostRpc.DELETE, new DeletePostRequest(author, quoted.id()));
        assertThat(db.sql("SELECT count(*) FROM post_revision WHERE post_id = ?")
                        .params(quoted.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    // issue 26, item 2: an account edited one post without limit, and one history read cost tens of MB

    @Test
    void anEditMoreThanSixtyMinutesAfterTheCreationIsRefusedAsTheWindowClosed() {
        UUID author = UUID.randomUUID();
        Post young = create(author, "still editable", null, null);
        Post old = create(author, "too late", null, null);
        age(young.id(), Duration.ofMinutes(59));
        age(old.id(), Duration.ofMinutes(61));

        assertThat(edit(author, young.id(), "edited in time").content()).isEqualTo("edited in time");
        assertThat(refusal(author, old.id(), "edited late")).isEqualTo(ErrorCode.EDIT_WINDOW_CLOSED);
        assertThat(get(old.id()).content()).isEqualTo("too late");
        assertThat(history(old.id())).hasSize(1);
    }

    @Test
    void theEleventhEditIsRefusedSoAHistoryHoldsAtMostElevenVersions() {
        UUID author = UUID.randomUUID();
        Post post = create(author, "version 0", null, null);
        for (int i = 1; i <= Posts.MAX_EDITS; i++) {
            edit(author, post.id(), "version " + i);
        }

        assertThat(refusal(author, post.id(), "version 11")).isEqualTo(ErrorCode.EDIT_LIMIT_REACHED);
        assertThat(get(post.id()).content()).isEqualTo("version 10");
        assertThat(history(post.id())).hasSize(11);
        // the same content again is still no edit: a repeated request of the last edit answers the post
        assertThat(edit(author, post.id(), "version 10").content()).isEqualTo("version 10");
    }

    @Test
    void editsInFlightAtOnceNeverPassTheLimit() {
        UUID author = UUID.randomUUID();
        Post post = create(author, "raced", null, null);
        List<CompletableFuture<PostResult>> attempts = new ArrayList<>();
        for (int i = 0; i < 3 * Posts.MAX_EDITS; i++) {
            attempts.add(rpc.send(PostRpc.EDIT, new EditPostRequest(author, post.id(), "raced " + i)));
        }

        List<ErrorCode> refusals = new ArrayList<>();
        for (CompletableFuture<PostResult> attempt : attempts) {
            try {
                attempt.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                refusals.add(((RpcErrorException) e.getCause()).reply().code());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        assertThat(history(post.id())).hasSize(Posts.MAX_EDITS + 1);
        assertThat(refusals).hasSize(2 * Posts.MAX_EDITS).containsOnly(ErrorCode.EDIT_LIMIT_REACHED);
    }

    @Test
    void theHistoryIsReadPageByPageOldestFirst() {
        UUID author = UUID.randomUUID();
        Post post = create(author, "v0", null, null);
        for (int i = 1; i <= 4; i++) {
            edit(author, post.id(), "v" + i);
        }

        PostHistory first = historyPage(post.id(), 2, null);
        PostHistory second = historyPage(post.id(), 2, first.nextCursor());
        PostHistory third = historyPage(post.id(), 2, second.nextCursor());

        assertThat(first.versions()).extracting(PostHistory.Version::content).containsExactly("v0", "v1");
        assertThat(second.versions()).extracting(PostHistory.Version::content).containsExactly("v2", "v3");
        assertThat(third.versions()).extracting(PostHistory.Version::content).containsExactly("v4");
        assertThat(third.nextCursor()).isNull();
        assertThat(historyPage(post.id(), 5, null).nextCursor()).isNull();
        assertThat(historyPage(post.id(), 1000, null).versions()).hasSize(5);
        assertThat(rpc.refusal(PostRpc.GET_HISTORY, new GetPostHistoryRequest(post.id(), 2, "not-a-cursor"))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    private List<UUID> tagPage(String tag) {
        return rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(null, tag, 100, null)).items().stream()
                .map(Post::id)
                .toList();
    }

    private long trendingPosts(String tag) {
        return rpc.call(PostRpc.GET_TRENDING_TAGS, new GetTrendingTagsRequest("1h", 20)).tags().stream()
                .filter(count -> count.tag().equals(tag))
                .mapToLong(count -> count.posts())
                .sum();
    }

    private List<UUID> search(String query) {
        return rpc.call(PostRpc.SEARCH, new SearchPostsRequest(null, query, 100, null)).items().stream()
                .map(Post::id)
                .toList();
    }

    private ErrorCode refusal(UUID caller, UUID postId, String content) {
        return rpc.refusal(PostRpc.EDIT, new EditPostRequest(caller, postId, content))
                .code();
    }

    private List<PostHistory.Version> history(UUID postId) {
        return historyPage(postId, 100, null).versions();
    }

    private PostHistory historyPage(UUID postId, int limit, String cursor) {
        return rpc.call(PostRpc.GET_HISTORY, new GetPostHistoryRequest(postId, limit, cursor));
    }

    /** The post as if it had been created {@code age} ago. */
    private void age(UUID postId, Duration age) {
        db.sql("UPDATE post SET created_at = now() - ?::interval WHERE id = ?")
                .params(age.toSeconds() + " seconds", postId)
                .update();
    }

    private Post edit(UUID caller, UUID postId, String content) {
        return rpc.call(PostRpc.EDIT, new EditPostRequest(caller, postId, content))
                .post();
    }

    private Post get(UUID postId) {
        return rpc.call(PostRpc.GET, new GetPostRequest(null, postId)).post();
    }

    private Post create(UUID author, String content, UUID replyToId, UUID quoteOfId) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, replyToId, null, quoteOfId))
                .post();
    }
}
