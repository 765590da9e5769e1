package social.post.hashtag;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.EditPostRequest;
import social.contract.post.GetTagPostsRequest;
import social.contract.post.GetTrendingTagsRequest;
import social.contract.post.Post;
import social.contract.post.PostCreated;
import social.contract.post.PostEvents;
import social.contract.post.PostPage;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.TagCount;
import social.support.testing.EventProbe;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** Tag pages and trending tags through post-service's request queue. */
@ServiceIntegrationTest
class HashtagsIT {
    @RegisterExtension
    static final EventProbe events = EventProbe.listeningTo(PostEvents.MESSAGES);

    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcClient db;

    @BeforeEach
    void noTrendingCountsOfOtherTests() {
        db.sql("DELETE FROM hashtag_author_hour").update();
    }

    @Test
    void aPostCarriesItsTagsAndSoDoesItsEvent() {
        Post post = create(UUID.randomUUID(), "#Spring and #café with #SPRING again, #123 is none");

        assertThat(post.hashtags()).containsExactly("spring", "café");
        PostCreated event = events.next(PostCreated.class, e -> e.postId().equals(post.id()));
        assertThat(event.hashtags()).containsExactly("spring", "café");
    }

    @Test
    void aTagPageHoldsItsPostsNewestFirstEachOnceInAnyCaseButNoReposts() {
        String tag = uniqueTag();
        UUID author = UUID.randomUUID();
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add(create(author, "number " + i + " #" + (i % 2 == 0 ? tag.toUpperCase() : tag))
                    .id());
        }
        create(author, "another tag #" + tag + "x");
        rpc.call(PostRpc.REPOST, new RepostRequest(UUID.randomUUID(), written.get(0)));

        List<UUID> walked = new ArrayList<>();
        String cursor = null;
        do {
            PostPage page = rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(null, tag.toUpperCase(), 3, cursor));
            page.items().forEach(post -> walked.add(post.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        Collections.reverse(written);
        assertThat(walked).containsExactlyElementsOf(written);
    }

    @Test
    void somethingThatIsNoTagIsRefused() {
        for (String notATag : List.of("123", "a b", "x".repeat(51), "", "#java", "a-b")) {
            assertThat(rpc.refusal(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(null, notATag, 20, null))
                            .code())
                    .as(notATag)
                    .isEqualTo(ErrorCode.VALIDATION_FAILED);
        }
    }

    @Test
    void aDeletedPostLeavesItsTagPageAndItsTrendingCounts() {
        String tag = uniqueTag();
        UUID author = UUID.randomUUID();
        Post kept = create(author, "kept #" + tag);
        Post doomed = create(author, "doomed #" + tag);
        Post other = create(UUID.randomUUID(), "by another #" + tag);
        assertThat(count(tag)).isEqualTo(new TagCount(tag, 3, 2));

        rpc.call(PostRpc.DELETE, new DeletePostRequest(author, doomed.id()));

        assertThat(page(tag)).containsExactly(other.id(), kept.id());
        assertThat(count(tag)).isEqualTo(new TagCount(tag, 2, 2));
        rpc.call(PostRpc.DELETE, new DeletePostRequest(other.authorId(), other.id()));
        assertThat(count(tag)).isEqualTo(new TagCount(tag, 1, 1));
        rpc.call(PostRpc.DELETE, new DeletePostRequest(author, kept.id()));
        assertThat(trending("7d", 20)).extracting(TagCount::tag).doesNotContain(tag);
        assertThat(db.sql("SELECT count(*) FROM hashtag_author_hour WHERE tag = ?")
                        .params(tag)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void concurrentDeletesOfOneAuthorsPostsCountEachOnceDown() {
        String tag = uniqueTag();
        UUID author = UUID.randomUUID();
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(create(author, "post " + i + " #" + tag));
        }
        create(UUID.randomUUID(), "stays #" + tag);

        List<CompletableFuture<?>> deletes = new ArrayList<>();
        for (Post post : posts) {
            deletes.add(rpc.send(PostRpc.DELETE, new DeletePostRequest(author, post.id())));
        }
        deletes.forEach(CompletableFuture::join);

        assertThat(count(tag)).isEqualTo(new TagCount(tag, 1, 1));
    }

    @Test
    void trendingRanksByDistinctAuthorsThenPostsWithinTheWindow() {
        String crowd = uniqueTag();
        String prolific = uniqueTag();
        String old = uniqueTag();
        for (int i = 0; i < 3; i++) {
            create(UUID.randomUUID(), "#" + crowd);
        }
        UUID one = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            create(one, "again #" + prolific);
        }
        // two authors, but two days ago: in the 7d window only
        Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 2; i++) {
            db.sql("INSERT INTO hashtag_author_hour (hour, tag, author_id, posts) VALUES (?, ?, ?, 9)")
                    .params(Timestamp.from(twoDaysAgo), old, UUID.randomUUID())
                    .update();
        }

        assertThat(trending("24h", 20)).containsExactly(new TagCount(crowd, 3, 3), new TagCount(prolific, 5, 1));
        assertThat(trending("7d", 20))
                .containsExactly(new TagCount(crowd, 3, 3), new TagCount(old, 18, 2), new TagCount(prolific, 5, 1));
        assertThat(trending("7d", 1)).containsExactly(new TagCount(crowd, 3, 3));
        assertThat(rpc.call(PostRpc.GET_TRENDING_TAGS, new GetTrendingTagsRequest(null, null))
                        .tags())
                .containsExactly(new TagCount(crowd, 3, 3), new TagCount(prolific, 5, 1));
    }

    @Test
    void anUnknownWindowOrALimitOutOfRangeIsRefused() {
        assertThat(rpc.refusal(PostRpc.GET_TRENDING_TAGS, new GetTrendingTagsRequest("2h", 10))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(rpc.refusal(PostRpc.GET_TRENDING_TAGS, new GetTrendingTagsRequest("1h", 21))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(rpc.refusal(PostRpc.GET_TRENDING_TAGS, new GetTrendingTagsRequest("1h", 0))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    // issue 26, item 3: about 90 tags fit in a post, so one account could fill the trending list with a few posts

    @Test
    void aPostWithMoreThanTenHashtagsOrMentionsIsRefusedAndSoIsSuchAnEdit() {
        UUID author = UUID.randomUUID();
        String ten = tags(10);
        Post post = create(author, ten);

        assertThat(post.hashtags()).hasSize(10);
        assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(author, tags(11), null, null, null))
                        .code())
                .isEqualTo(ErrorCode.TOO_MANY_HASHTAGS);
        assertThat(rpc.refusal(PostRpc.CREATE, new CreatePostRequest(author, mentions(11), null, null, null))
                        .code())
                .isEqualTo(ErrorCode.TOO_MANY_MENTIONS);
        assertThat(create(author, mentions(10) + " #Same #same").hashtags()).containsExactly("same");
        assertThat(rpc.refusal(PostRpc.EDIT, new EditPostRequest(author, post.id(), tags(11)))
                        .code())
                .isEqualTo(ErrorCode.TOO_MANY_HASHTAGS);
        assertThat(trending("1h", 20)).hasSize(11);
    }

    private static String tags(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append('#').append(uniqueTag()).append(' ');
        }
        return text.toString();
    }

    private static String mentions(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append("@user").append(i).append(' ');
        }
        return text.toString();
    }

    @Test
    void aWindowBehindTheClockLeavesTheHoursThatLeftItAtTheNextRead() {
        String tag = uniqueTag();
        UUID stayed = UUID.randomUUID();
        UUID left = UUID.randomUUID();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        // the windows as they stood three hours ago, nobody having read trending since
        db.sql("UPDATE trending_window SET since = since - interval '3 hours'").update();
        tagRow(hour.minus(3, ChronoUnit.HOURS), tag, left, 2);
        tagRow(hour.minus(3, ChronoUnit.HOURS), tag, stayed, 1);
        tagRow(hour, tag, stayed, 1);

        // the 1h window moves on by three hours: "left" goes, "stayed" stays with this hour's post
        assertThat(countIn("1h", tag)).isEqualTo(new TagCount(tag, 1, 1));
        assertThat(countIn("24h", tag)).isEqualTo(new TagCount(tag, 4, 2));
        assertThat(db.sql(
                                "SELECT count(*) FROM trending_window WHERE since < date_trunc('hour', now() - length, 'UTC')")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private void tagRow(Instant hour, String tag, UUID author, int posts) {
        db.sql("INSERT INTO hashtag_author_hour (hour, tag, author_id, posts) VALUES (?, ?, ?, ?)")
                .params(Timestamp.from(hour), tag, author, posts)
                .update();
    }

    private TagCount countIn(String window, String tag) {
        return trending(window, 20).stream()
                .filter(count -> count.tag().equals(tag))
                .findFirst()
                .orElse(null);
    }

    private List<TagCount> trending(String window, int limit) {
        return rpc.call(PostRpc.GET_TRENDING_TAGS, new GetTrendingTagsRequest(window, limit))
                .tags();
    }

    private TagCount count(String tag) {
        return trending("1h", 20).stream()
                .filter(count -> count.tag().equals(tag))
                .findFirst()
                .orElse(null);
    }

    private List<UUID> page(String tag) {
        return rpc.call(PostRpc.GET_TAG_POSTS, new GetTagPostsRequest(null, tag, 100, null)).items().stream()
                .map(Post::id)
                .toList();
    }

    private Post create(UUID author, String content) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, null, null, null))
                .post();
    }

    static String uniqueTag() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
