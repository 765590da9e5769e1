package social.post.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import social.contract.ErrorCode;
import social.contract.post.CreatePostRequest;
import social.contract.post.DeletePostRequest;
import social.contract.post.Post;
import social.contract.post.PostPage;
import social.contract.post.PostRpc;
import social.contract.post.RepostRequest;
import social.contract.post.SearchPostsRequest;
import social.support.testing.RpcCalls;
import social.support.testing.ServiceIntegrationTest;

/** Post search through post-service's request queue. */
@ServiceIntegrationTest
class SearchIT {
    @Autowired
    RpcCalls rpc;

    @Test
    void everyWordMustMatchInAnyCaseByItsStem() {
        String word = unique();
        UUID author = UUID.randomUUID();
        Post running = create(author, "Rabbits are running " + word);
        Post sleeping = create(author, "a rabbit sleeps " + word);
        create(author, "running dogs " + word);
        create(author, "rabbits elsewhere");

        assertThat(search("rabbit " + word)).containsExactly(sleeping.id(), running.id());
        assertThat(search("RABBIT RUNS " + word.toUpperCase())).containsExactly(running.id());
        assertThat(search("\"rabbits are running\" " + word)).containsExactly(running.id());
        assertThat(search("rabbit -sleeping " + word)).containsExactly(running.id());
    }

    @Test
    void tagAndMentionTermsFilterThePosts() {
        String word = unique();
        String tag = "t" + unique();
        UUID author = UUID.randomUUID();
        Post tagged = create(author, "news " + word + " #" + tag);
        Post both = create(author, "more news " + word + " #" + tag + " for @Bob_Search");
        Post mentioning = create(author, "hello @bob_search " + word);
        create(author, "nothing to see " + word);
        create(author, "news elsewhere #" + tag); // the tag without the word

        assertThat(search("news " + word + " #" + tag.toUpperCase())).containsExactly(both.id(), tagged.id());
        assertThat(search(word + " @BOB_SEARCH")).containsExactly(mentioning.id(), both.id());
        assertThat(search("#" + tag + " @bob_search")).containsExactly(both.id());
        // words that are only stop words leave the tag to match alone
        assertThat(search("the #" + tag)).hasSize(3).contains(tagged.id(), both.id());
        assertThat(search("@bob_search " + word + " #" + tag)).containsExactly(both.id());
    }

    @Test
    void pagesAreNewestFirstEachPostOnceWithoutReposts() {
        String word = unique();
        UUID author = UUID.randomUUID();
        List<UUID> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add(create(author, "item " + i + " " + word).id());
        }
        rpc.call(PostRpc.REPOST, new RepostRequest(UUID.randomUUID(), written.get(3)));

        List<UUID> walked = new ArrayList<>();
        String cursor = null;
        do {
            PostPage page = rpc.call(PostRpc.SEARCH, new SearchPostsRequest(null, word, 3, cursor));
            page.items().forEach(post -> walked.add(post.id()));
            cursor = page.nextCursor();
        } while (cursor != null);

        Collections.reverse(written);
        assertThat(walked).containsExactlyElementsOf(written);
    }

    @Test
    void aDeletedPostIsFoundNoMore() {
        String word = unique();
        UUID author = UUID.randomUUID();
        Post kept = create(author, "kept " + word);
        Post doomed = create(author, "doomed " + word + " #" + "t" + word + " @someone");

        rpc.call(PostRpc.DELETE, new DeletePostRequest(author, doomed.id()));

        assertThat(search(word)).containsExactly(kept.id());
        assertThat(search("#t" + word)).isEmpty();
    }

    @Test
    void anEmptyOverlongOrControlCharacterQueryIsRefused() {
        for (String bad : List.of("", "   ", "x".repeat(101), "a\u0000b", "a\nb", "a\u202Eb")) {
            assertThat(rpc.refusal(PostRpc.SEARCH, new SearchPostsRequest(null, bad, 20, null))
                            .code())
                    .as(bad)
                    .isEqualTo(ErrorCode.VALIDATION_FAILED);
        }
        assertThat(rpc.refusal(PostRpc.SEARCH, new SearchPostsRequest(null, null, 20, null))
                        .code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(rpc.call(PostRpc.SEARCH, new SearchPostsRequest(null, "x".repeat(100), 20, null))
                        .items())
                .isEmpty();
    }

    private List<UUID> search(String query) {
        return rpc.call(PostRpc.SEARCH, new SearchPostsRequest(null, query, 100, null)).items().stream()
                .map(Post::id)
                .toList();
    }

    private Post create(UUID author, String content) {
        return rpc.call(PostRpc.CREATE, new CreatePostRequest(author, content, null, null, null))
                .post();
    }

    /** A word no other test writes: letters only, so that it is one lexeme. */
    static String unique() {
        StringBuilder word = new StringBuilder("q");
        for (char c :
                UUID.randomUUID().toString().replace("-", "").substring(0, 12).toCharArray()) {
            word.append((char) ('a' + Character.digit(c, 16)));
        }
        return word.toString();
    }
}
