package social.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.SearchPostsRequest;
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
        assertThat(rpc.refusal(PostRpc.GET_HISTORY, new GetPostHistoryRequest(UUID.randomUUID()))
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
        return rpc.call(PostRpc.GET_HISTORY, new GetPostHistoryRequest(postId)).versions();
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
