package social.post.hashtag;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.contract.post.CreatePostRequest;
import social.contract.post.PostRpc;
import social.contract.post.SearchTagsRequest;
import social.contract.post.TagCount;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** Hashtag autocomplete: the tags of the last 7 days starting with a prefix, most posts first. */
@ServiceIntegrationTest
class TagSearchIT {
    @Autowired
    RpcCalls rpc;

    @Autowired
    JdbcClient db;

    @Test
    void tagsStartingWithThePrefixInAnyCaseMostPostsFirst() {
        String prefix = "ac" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        post(ann, "#" + prefix + "_one #" + prefix + "Two");
        post(bob, "#" + prefix + "_one");
        post(ann, "#" + prefix + "_one and #" + prefix.toUpperCase() + "three");
        post(bob, "#x" + prefix + " does not start with it");

        assertThat(search(prefix.toUpperCase(), null))
                .containsExactly(
                        new TagCount(prefix + "_one", 3, 2),
                        new TagCount(prefix + "three", 1, 1),
                        new TagCount(prefix + "two", 1, 1));
        assertThat(search(prefix + "_", 20)).containsExactly(new TagCount(prefix + "_one", 3, 2));
        assertThat(search(prefix, 1)).extracting(TagCount::tag).containsExactly(prefix + "_one");
    }

    @Test
    void anUnderscoreInThePrefixIsACharacterNotAWildcard() {
        String prefix = "us" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        post(UUID.randomUUID(), "#" + prefix + "_x #" + prefix + "ax");

        assertThat(search(prefix + "_", null)).extracting(TagCount::tag).containsExactly(prefix + "_x");
    }

    @Test
    void tagsNotUsedForSevenDaysAreNotSuggested() {
        String prefix = "old" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        Instant eightDaysAgo = Instant.now().minus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        db.sql("INSERT INTO hashtag_author_hour (hour, tag, author_id, posts) VALUES (?, ?, ?, 5)")
                .params(Timestamp.from(eightDaysAgo), prefix + "gone", UUID.randomUUID())
                .update();

        assertThat(search(prefix, null)).isEmpty();
    }

    @Test
    void aPrefixWithAHashOrOfFiftyOneCharactersOrABadLimitIsRefused() {
        for (String q : new String[] {"#rust", "x".repeat(51), "", "two words", null}) {
            ErrorReply refused = rpc.refusal(PostRpc.SEARCH_TAGS, new SearchTagsRequest(q, null));
            assertThat(refused.code()).as("%s", q).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(refused.errors())
                    .extracting(ErrorReply.FieldError::field)
                    .containsExactly("q");
        }
        assertThat(search("x".repeat(50), null)).isEmpty();
        for (int limit : new int[] {0, 21}) {
            assertThat(rpc.refusal(PostRpc.SEARCH_TAGS, new SearchTagsRequest("rust", limit))
                            .errors())
                    .extracting(ErrorReply.FieldError::field)
                    .containsExactly("limit");
        }
    }

    private List<TagCount> search(String q, Integer limit) {
        return rpc.call(PostRpc.SEARCH_TAGS, new SearchTagsRequest(q, limit)).tags();
    }

    private void post(UUID author, String content) {
        rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, null, null, null));
    }
}
