package social.contract.post;

import java.util.List;

import social.contract.MessageType;

/** The posts asked for that exist, in the order asked; missing (deleted) ones are left out. */
@MessageType("post.list")
public record PostList(List<Post> items) {
    public PostList {
        items = List.copyOf(items);
    }
}
