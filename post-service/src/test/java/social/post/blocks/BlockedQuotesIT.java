package social.post.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.follow.UserFollowed;
import social.contract.post.CreatePostRequest;
import social.contract.post.GetHomeTimelineRequest;
import social.contract.post.GetPostContextRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.GetPostsRequest;
import social.contract.post.GetQuotesRequest;
import social.contract.post.GetTagPostsRequest;
import social.contract.post.GetUserPostsRequest;
import social.contract.post.Post;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.SearchPostsRequest;
import social.support.blocks.BlockListCopy;
import social.support.id.Ids;
import social.support.testing.EventReplay;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/**
 * Issue 26, item 10: a block reaches quotes. The quotes list leaves out the other side's quotes,
 * and a post quoting the other side's post, shown to either of the two anywhere, shows its quoted
 * post as unavailable ({@code quoteOf} null, as for a deleted quoted post); everyone else sees it
 * in full, and an unblock brings it back.
 */
@ServiceIntegrationTest
class BlockedQuotesIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    BlockListCopy blocks;

    @Autowired
    EventReplay replay;

    @Test
    void theQuotesListLeavesOutQuotesByTheOtherSideOfABlockBothWaysUntilTheUnblock() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        Post original = post(carol, "carol's original");
        Post alicesQuote = quote(alice, "alice quotes", original.id());
        Post bobsQuote = quote(bob, "bob quotes", original.id());
        Post davesQuote = quote(dave, "dave quotes", original.id());
        blocks.blocked(alice, bob, 1);

        assertThat(quotes(alice, original.id())).containsExactly(davesQuote.id(), alicesQuote.id());
        assertThat(quotes(bob, original.id())).containsExactly(davesQuote.id(), bobsQuote.id());
        assertThat(quotes(dave, original.id())).containsExactly(davesQuote.id(), bobsQuote.id(), alicesQuote.id());
        assertThat(quotes(null, original.id())).containsExactly(davesQuote.id(), bobsQuote.id(), alicesQuote.id());

        blocks.unblocked(alice, bob, 2);
        assertThat(quotes(alice, original.id())).containsExactly(davesQuote.id(), bobsQuote.id(), alicesQuote.id());
        assertThat(quotes(bob, original.id())).containsExactly(davesQuote.id(), bobsQuote.id(), alicesQuote.id());
    }

    @Test
    void aQuoteOfTheBlockedUsersPostIsShownWithItsQuotedPostUnavailableToTheBlockerOnEveryPage() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID dave = UUID.randomUUID();
        String tag = "bq" + Long.toHexString(alice.getMostSignificantBits() & 0xffffffffL);
        String word = "zq" + Long.toHexString(bob.getMostSignificantBits() & 0xffffffffL);
        Post bobs = post(bob, "bob's post");
        Post carolsQuote = quote(carol, "carol quotes bob #" + tag + " " + word, bobs.id());
        Post davesRepost = rpc.call(PostRpc.REPOST, new RepostRequest(dave, carolsQuote.id()))
                .post();
        Post reply = rpc.call(PostRpc.CREATE, new CreatePostRequest(dave, "dave answers", carolsQuote.id(), null, null))
                .post();
        follow(alice, carol, 1);
        follow(alice, dave, 1);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> timeline(alice).stream()
                        .map(Post::id)
                        .toList()
                        .containsAll(List.of(carolsQuote.id(), davesRepost.id())));
        blocks.blocked(alice, bob, 1);

        List<Post> timeline = timeline(alice);
        assertUnavailable(find(timeline, carolsQuote.id()));
        assertUnavailable(find(timeline, davesRepost.id()).repostOf());
        assertUnavailable(only(rpc.call(PostRpc.SEARCH, new SearchPostsRequest(alice, word, 20, null))
                .items()));
        assertUnavailable(only(rpc.call(PostRpc.SEARCH, new SearchPostsRequest(alice, "#" + tag, 20, null))
                .items()));
        assertUnavailable(only(rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(alice, tag, 20, null))
                .items()));
        assertUnavailable(rpc.call(PostRpc.GET, new GetPostRequest(alice, carolsQuote.id()))
                .post());
        assertUnavailable(only(rpc.call(PostRpc.GET_MANY, new GetPostsRequest(alice, List.of(carolsQuote.id())))
                .items()));
        assertUnavailable(find(
                rpc.call(PostRpc.GET_USER_POSTS, new GetUserPostsRequest(alice, carol, 20, null))
                        .items(),
                carolsQuote.id()));
        assertUnavailable(only(rpc.call(PostRpc.GET_CONTEXT, new GetPostContextRequest(alice, reply.id()))
                .ancestors()));
        // the quoted post itself stays readable by id (API.md: posts stay readable by id across a block)
        assertThat(rpc.call(PostRpc.GET, new GetPostRequest(alice, bobs.id()))
                        .post()
                        .content())
                .isEqualTo("bob's post");

        // a third party (and an anonymous reader) sees the quote in full
        assertQuotesBob(
                rpc.call(PostRpc.GET, new GetPostRequest(dave, carolsQuote.id()))
                        .post(),
                bobs);
        assertQuotesBob(
                rpc.call(PostRpc.GET, new GetPostRequest(null, carolsQuote.id()))
                        .post(),
                bobs);
        assertQuotesBob(
                only(rpc.call(PostRpc.SEARCH, new SearchPostsRequest(dave, word, 20, null))
                        .items()),
                bobs);
        assertQuotesBob(
                only(rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(dave, tag, 20, null))
                        .items()),
                bobs);

        blocks.unblocked(alice, bob, 2);
        timeline = timeline(alice);
        assertQuotesBob(find(timeline, carolsQuote.id()), bobs);
        assertQuotesBob(find(timeline, davesRepost.id()).repostOf(), bobs);
        assertQuotesBob(
                only(rpc.call(PostRpc.SEARCH, new SearchPostsRequest(alice, word, 20, null))
                        .items()),
                bobs);
        assertQuotesBob(
                only(rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(alice, tag, 20, null))
                        .items()),
                bobs);
    }

    @Test
    void theBlockedUserSeesAQuoteOfTheBlockersPostWithItsQuotedPostUnavailable() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        Post alices = post(alice, "alice's post");
        Post carolsQuote = quote(carol, "carol quotes alice", alices.id());
        Post bobsQuote = quote(bob, "bob quotes alice before the block", alices.id());
        blocks.blocked(alice, bob, 1);

        assertUnavailable(
                rpc.call(PostRpc.GET, new GetPostRequest(bob, carolsQuote.id())).post());
        // the quotes list of the blocker's post: the quotes are there, the embed of her post is not
        List<Post> quotes = rpc.call(PostRpc.GET_QUOTES, new GetQuotesRequest(bob, alices.id(), 20, null))
                .items();
        assertThat(quotes).extracting(Post::id).containsExactly(bobsQuote.id(), carolsQuote.id());
        quotes.forEach(BlockedQuotesIT::assertUnavailable);
        assertUnavailable(find(timeline(bob), bobsQuote.id()));
        assertThat(rpc.call(PostRpc.GET, new GetPostRequest(carol, carolsQuote.id()))
                        .post()
                        .quoteOf()
                        .id())
                .isEqualTo(alices.id());
    }

    private static void assertUnavailable(Post quote) {
        assertThat(quote.content()).as("the quote itself is shown").isNotEmpty();
        assertThat(quote.quoteOf()).as("the embed of a blocked author's post").isNull();
    }

    private static void assertQuotesBob(Post quote, Post bobs) {
        assertThat(quote.quoteOf())
                .as("the embed, for a reader outside the block")
                .isNotNull();
        assertThat(quote.quoteOf().id()).isEqualTo(bobs.id());
        assertThat(quote.quoteOf().content()).isEqualTo("bob's post");
    }

    private static Post find(List<Post> posts, UUID id) {
        return posts.stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no post " + id + " in " + posts.stream().map(Post::id).toList()));
    }

    private static Post only(List<Post> posts) {
        assertThat(posts).hasSize(1);
        return posts.get(0);
    }

    private List<UUID> quotes(UUID viewer, UUID postId) {
        return rpc.call(PostRpc.GET_QUOTES, new GetQuotesRequest(viewer, postId, 20, null)).items().stream()
                .map(Post::id)
                .toList();
    }

    private List<Post> timeline(UUID reader) {
        return rpc.call(PostRpc.GET_HOME_TIMELINE, new GetHomeTimelineRequest(reader, 20, null))
                .items();
    }

    private void follow(UUID follower, UUID followee, long pairVersion) {
        replay.deliver(new UserFollowed(Ids.newId(), Instant.now(), 1, follower, followee, false, pairVersion));
    }

    private Post post(UUID author, String content) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, null, null, null))
                .post();
    }

    private Post quote(UUID author, String content, UUID quoted) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, null, null, quoted))
                .post();
    }
}
