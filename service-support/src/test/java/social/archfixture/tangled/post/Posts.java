package social.archfixture.tangled.post;

import social.archfixture.tangled.timeline.Timeline;

/** Uses the timeline, which uses it back. */
public class Posts {
    public Timeline timeline() {
        return new Timeline();
    }
}
