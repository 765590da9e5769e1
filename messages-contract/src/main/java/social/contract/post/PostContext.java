package social.contract.post;

import java.util.List;

import social.contract.MessageType;

/**
 * The answer to {@link GetPostContextRequest}.
 *
 * @param ancestors   the posts the post answers, the thread's root first, its direct parent last
 *                    (deleted ones and those of authors hidden by a block left out)
 * @param descendants the replies below the post, depth first, each level oldest first
 */
@MessageType("post.context")
public record PostContext(List<Post> ancestors, List<Post> descendants) {
    public PostContext {
        ancestors = List.copyOf(ancestors);
        descendants = List.copyOf(descendants);
    }
}
