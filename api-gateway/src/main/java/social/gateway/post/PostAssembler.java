package social.gateway.post;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import social.contract.like.GetLikeStatesRequest;
import social.contract.like.LikeRpc;
import social.contract.like.LikeStates;
import social.contract.post.Post;
import social.contract.post.PostContext;
import social.contract.post.PostPage;
import social.contract.user.UserSummary;
import social.gateway.user.UserDirectory;
import social.gateway.web.Page;
import social.support.rpc.RpcClient;

/**
 * Turns post-service's posts into the API's Posts, for every endpoint that answers posts: the
 * authors from the {@link UserDirectory} (at most one batched question to user-service) and one
 * question to like-service for all likes of the page (nested originals and quoted posts
 * included), in parallel. Never one question per post.
 */
@Component
public class PostAssembler {
    private final RpcClient rpc;
    private final UserDirectory users;

    PostAssembler(RpcClient rpc, UserDirectory users) {
        this.rpc = rpc;
        this.users = users;
    }

    /** @param callerId null for an anonymous caller */
    public PostView one(Post post, UUID callerId) {
        return all(List.of(post), callerId).get(0);
    }

    /** A post just created (not a repost): nobody can have liked it yet, so like-service is not asked. */
    public PostView created(Post post) {
        return new Parts(users.known(List.of(post.authorId())), Map.of()).view(post);
    }

    /** A thread's context: both lists in one round of questions. */
    public PostContextView context(PostContext context, UUID callerId) {
        List<Post> both = new ArrayList<>(
                context.ancestors().size() + context.descendants().size());
        both.addAll(context.ancestors());
        both.addAll(context.descendants());
        List<PostView> views = all(both, callerId);
        int ancestors = context.ancestors().size();
        return new PostContextView(views.subList(0, ancestors), views.subList(ancestors, views.size()));
    }

    public Page<PostView> page(PostPage page, UUID callerId) {
        return new Page<>(all(page.items(), callerId), page.nextCursor());
    }

    private List<PostView> all(List<Post> posts, UUID callerId) {
        if (posts.isEmpty()) {
            return List.of();
        }
        Set<UUID> authorIds = new LinkedHashSet<>();
        Set<UUID> postIds = new LinkedHashSet<>();
        for (Post post : posts) {
            collect(post, authorIds, postIds);
        }
        // asked in parallel: the authors (often all cached) and the likes
        CompletableFuture<Map<UUID, UserSummary>> authors = users.summaries(authorIds);
        CompletableFuture<LikeStates> likes =
                rpc.call(LikeRpc.GET_LIKE_STATES, new GetLikeStatesRequest(callerId, new ArrayList<>(postIds)));
        Parts parts = new Parts(
                RpcClient.await(authors),
                RpcClient.await(likes).states().stream()
                        .collect(Collectors.toMap(LikeStates.LikeState::postId, Function.identity(), (a, b) -> a)));
        return posts.stream().map(parts::view).toList();
    }

    /** The authors and ids of a post and of every post shown inside it (a repost's original, a quoted post). */
    private static void collect(Post post, Set<UUID> authorIds, Set<UUID> postIds) {
        authorIds.add(post.authorId());
        postIds.add(post.id());
        if (post.repostOf() != null) {
            collect(post.repostOf(), authorIds, postIds);
        }
        if (post.quoteOf() != null) {
            collect(post.quoteOf(), authorIds, postIds);
        }
    }

    private record Parts(Map<UUID, UserSummary> authors, Map<UUID, LikeStates.LikeState> likes) {

        PostView view(Post post) {
            UserSummary author = UserDirectory.summaryOf(authors, post.authorId());
            LikeStates.LikeState like = likes.get(post.id());
            return new PostView(
                    post.id(),
                    author,
                    post.content(),
                    post.createdAt(),
                    post.replyToId(),
                    post.repostOf() == null ? null : view(post.repostOf()),
                    like == null ? 0 : like.likeCount(),
                    post.replyCount(),
                    post.repostCount(),
                    like != null && like.likedByMe(),
                    post.repostedByMe(),
                    post.hashtags(),
                    post.quoteOf() == null ? null : view(post.quoteOf()),
                    post.quoteCount(),
                    post.editedAt(),
                    like != null && like.bookmarkedByMe());
        }
    }
}
