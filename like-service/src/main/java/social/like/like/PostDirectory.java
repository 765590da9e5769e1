package social.like.like;

import java.time.Duration;
import java.util.UUID;

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
    private final Duration wait;

    PostDirectory(RpcClient rpc, MessagingProperties messaging) {
        this.rpc = rpc;
        // shorter than the gateway's own timeout, so that the caller hears why
        this.wait = messaging.rpcTimeout().dividedBy(2);
    }

    /** The post a like is about (a repost's original), or NOT_FOUND. */
    Post likeTarget(UUID postId) {
        Post post = require(postId);
        return post.repostOf() != null ? post.repostOf() : post;
    }

    Post require(UUID postId) {
        try {
            return rpc.callAndWait(PostRpc.GET, new GetPostRequest(null, postId), wait)
                    .post();
        } catch (RpcErrorException e) {
            if (e.reply().code() == ErrorCode.NOT_FOUND) {
                throw ServiceException.notFound("no such post");
            }
            throw e;
        }
    }
}
