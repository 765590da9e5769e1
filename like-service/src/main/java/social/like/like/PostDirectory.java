package social.like.like;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import social.contract.ErrorCode;
import social.contract.post.GetPostRequest;
import social.contract.post.Post;
import social.contract.post.PostRpc;
import social.support.error.ServiceException;
import social.support.messaging.MessagingProperties;
import social.support.rpc.RpcClient;
import social.support.rpc.RpcErrorException;

/** Asks post-service whether a post exists and who wrote it: likes are only for live posts. */
@Component
class PostDirectory {
    private final RpcClient rpc;
    private final Duration timeout;

    PostDirectory(RpcClient rpc, MessagingProperties messaging) {
        this.rpc = rpc;
        this.timeout = messaging.rpcTimeout();
    }

    /** The post a like is about (a repost's original), or NOT_FOUND. */
    Post likeTarget(UUID postId) {
        Post post = require(postId);
        return post.repostOf() != null ? post.repostOf() : post;
    }

    Post require(UUID postId) {
        try {
            return rpc.call(PostRpc.GET, new GetPostRequest(null, postId)).get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .post();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RpcErrorException error && error.reply().code() == ErrorCode.NOT_FOUND) {
                throw ServiceException.notFound("no such post");
            }
            throw new IllegalStateException("cannot ask post-service about post " + postId, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("post-service did not answer about post " + postId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
