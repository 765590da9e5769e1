package social.like.like;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import social.contract.post.Post;
import social.contract.post.PostResult;
import social.contract.post.PostRpc;
import social.support.error.ServiceException;
import social.support.id.Ids;
import social.support.messaging.Topology;
import social.support.rpc.RpcEndpoint;

/**
 * Stands in for post-service on {@code post.rpc}: answers {@code post.get} for the posts a test
 * wrote here, and NOT_FOUND for any other, as post-service would.
 */
@TestConfiguration(proxyBeanMethods = false)
class PostServiceStandIn {
    private final Map<UUID, Post> posts = new ConcurrentHashMap<>();

    @Bean
    RpcEndpoint postServiceStandInEndpoint(Topology topology) {
        return RpcEndpoint.answering(PostRpc.SERVICE, topology)
                .on(PostRpc.GET, request -> {
                    Post post = posts.get(request.postId());
                    if (post == null) {
                        throw ServiceException.notFound("no such post");
                    }
                    return new PostResult(post, false);
                })
                .build();
    }

    /** A new post of {@code author} that post-service now knows. */
    Post post(UUID author) {
        return add(new Post(
                Ids.newId(), author, "a post", Instant.now(), null, null, 0, 0, false, List.of(), null, 0, null));
    }

    /** {@code reposter}'s repost of {@code original}. */
    Post repost(UUID reposter, Post original) {
        return add(new Post(
                Ids.newId(), reposter, "", Instant.now(), null, original, 0, 0, false, List.of(), null, 0, null));
    }

    /** post-service no longer knows the post. */
    void forget(UUID postId) {
        posts.remove(postId);
    }

    private Post add(Post post) {
        posts.put(post.id(), post);
        return post;
    }
}
