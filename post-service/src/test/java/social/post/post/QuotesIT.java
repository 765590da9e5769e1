package social.post.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.ErrorCode;
import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.GetPostRequest;
import social.contract.post.GetQuotesRequest;
import social.contract.post.Post;
import social.contract.post.PostCreated;
import social.contract.post.PostEvents;
import social.contract.post.PostPage;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** Quote posts through post-service's request queue. */
@ServiceIntegrationTest
class QuotesIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(PostEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Test
    void aQuoteShowsTheQuotedPostCountsOnItAndItsEventNamesItAndItsAuthor() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Post original = create(alice, "original #tag", null, null);

        Post quote = create(bob, "look at this", null, original.id());

        assertThat(quote.quoteOf().id()).isEqualTo(original.id());
        assertThat(quote.quoteOf().content()).isEqualTo("original #tag");
        assertThat(quote.quoteOf().authorId()).isEqualTo(alice);
        assertThat(quote.quoteOf().hashtags()).containsExactly("tag");
        assertThat(get(original.id(), null).quoteCount()).isEqualTo(1);
        PostCreated event = events.next(PostCreated.class, e -> e.postId().equals(quote.id()));
        assertThat(event.quoteOfId()).isEqualTo(original.id());
        assertThat(event.quoteOfAuthorId()).isEqualTo(alice);
    }

    @Test
    void quotingARepostQuotesItsOriginalAndARepostOfAQuoteShowsBoth() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Post original = create(alice, "original", null, null);
        Post repost =
                rpc.call(PostRpc.REPOST, new RepostRequest(bob, original.id())).post();

        Post quote = create(bob, "quoting the repost", null, repost.id());
        Post repostOfQuote =
                rpc.call(PostRpc.REPOST, new RepostRequest(alice, quote.id())).post();

        assertThat(quote.quoteOf().id()).isEqualTo(original.id());
        Post read = get(repostOfQuote.id(), alice);
        assertThat(read.repostOf().id()).isEqualTo(quote.id());
        assertThat(read.repostOf().quoteOf().id()).isEqualTo(original.id());
        assertThat(read.repostOf().quoteOf().repostedByMe()).isFalse();
        assertThat(get(quote.id(), bob).quoteOf().repostedByMe()).isTrue();
    }

    @Test
    void aQuoteCannotAlsoBeAReplyAndAnUnknownPostCannotBeQuoted() {
        UUID alice = UUID.randomUUID();
        Post original = create(alice, "original", null, null);

        assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(alice, "both", original.id(), null, original.id()))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(alice, "unknown", null, null, UUID.randomUUID()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(get(original.id(), null).quoteCount()).isZero();
        assertThat(get(original.id(), null).replyCount()).isZero();
    }

    @Test
    void aDeletedQuotedPostLeavesTheQuoteWithoutItAndADeletedQuoteIsCountedDownOnce() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Post original = create(alice, "original", null, null);
        Post kept = create(bob, "kept quote", null, original.id());
        Post doomed = create(bob, "doomed quote", null, original.id());
        assertThat(get(original.id(), null).quoteCount()).isEqualTo(2);

        rpc.call(PostRpc.DELETE, new DeletePostRequest(bob, doomed.id()));
        assertThat(get(original.id(), null).quoteCount()).isEqualTo(1);
        assertThat(rpc.refusal(PostRpc.DELETE, new DeletePostRequest(bob, doomed.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(get(original.id(), null).quoteCount()).isEqualTo(1);

        rpc.call(PostRpc.DELETE, new DeletePostRequest(alice, original.id()));
        Post orphan = get(kept.id(), null);
        assertThat(orphan.quoteOf()).isNull();
        assertThat(orphan.content()).isEqualTo("kept quote");
        assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(bob, "too late", null, null, original.id()))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        // the orphaned quote is deleted with nothing left to count down
        rpc.call(PostRpc.DELETE, new DeletePostRequest(bob, kept.id()));
    }

    @Test
    void concurrentQuotesAreEachCountedOnce() {
        Post original = create(UUID.randomUUID(), "popular", null, null);
        List<CompletableFuture<?>> quotes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            quotes.add(rpc.send(
                    PostRpc.CREATE, new CreatePostRequest(UUID.randomUUID(), "quote " + i, null, null, original.id())));
        }
        quotes.forEach(CompletableFuture::join);

        assertThat(get(original.id(), null).quoteCount()).isEqualTo(8);
    }

    @Test
    void theQuotesOfAPostArePagedNewestFirstAndOfAnUnknownPost404() {
        Post original = create(UUID.randomUUID(), "quoted", null, null);
        List<UUID> quotes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            quotes.add(
                    create(UUID.randomUUID(), "quote " + i, null, original.id()).id());
        }
        create(UUID.randomUUID(), "a reply, no quote", original.id(), null);

        List<UUID> walked = new ArrayList<>();
        String cursor = null;
        do {
            PostPage page = rpc.call(PostRpc.GET_QUOTES, new GetQuotesRequest(null, original.id(), 2, cursor));
            page.items().forEach(post -> walked.add(post.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        Collections.reverse(quotes);
        assertThat(walked).containsExactlyElementsOf(quotes);
        assertThat(rpc.refusal(PostRpc.GET_QUOTES, new GetQuotesRequest(null, UUID.randomUUID(), 20, null))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    private Post get(UUID postId, UUID callerId) {
        return rpc.call(PostRpc.GET, new GetPostRequest(callerId, postId)).post();
    }

    private Post create(UUID author, String content, UUID replyToId, UUID quoteOfId) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, replyToId, null, quoteOfId))
                .post();
    }
}
