package social.archfixture.tangled.timeline;

import social.archfixture.tangled.post.Posts;

/** Uses the posts, which use it back. */
public class Timeline {
    public Posts posts() {
        return new Posts();
    }
}
