package social.gateway.post;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The API's thread around a post. */
@Schema(name = "PostContext", description = "The thread around a post")
public record PostContextView(
        @Schema(
                description = "the posts the post answers, the thread's root first, its direct parent last (at most"
                        + " 40: the root and the 39 nearest; deleted ones and those of authors blocked either way"
                        + " left out)")
        List<PostView> ancestors,

        @Schema(
                description = "the replies below the post, depth first, each level oldest first (at most 200;"
                        + " deleted ones and those of authors blocked either way left out, the replies below them"
                        + " kept)")
        List<PostView> descendants) {}
