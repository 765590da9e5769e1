package social.contract.post;

import java.util.List;

import social.contract.MessageType;

/** A page of posts; {@code nextCursor} is null on the last page. */
@MessageType("post.page")
public record PostPage(List<Post> items, String nextCursor) {
    public PostPage {
        items = List.copyOf(items);
    }
}
